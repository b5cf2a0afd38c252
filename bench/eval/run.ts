/**
 * `npm run eval -- --model <name> [--k 3] [--scenario id[,id]] [--scripted]`: runs the
 * scenarios of bench/eval/scenarios against the model at OPENAI_BASE_URL (OPENAI_API_KEY)
 * on the test cluster, and writes bench/eval/results/<model>-<time>.{md,json} (plus
 * pass-vs-tokens.svg once several models have results). See docs/eval.md.
 *
 * --scripted runs each scenario's two scripted model runs (one that fixes, one that does
 * nothing) against the scripted OpenAI-compatible server instead: what CI runs.
 */
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { type FakeOpenAI, startFakeOpenAI } from '../../test/support/fake-openai.js';
import { helmPath } from '../../test/support/kube-tools.js';
import type { EvalCluster } from './cluster.js';
import {
  type HarnessOptions,
  plansFor,
  type RunPlan,
  type RunResult,
  runScenario,
  scriptedPlans,
} from './harness.js';
import { startRecordingProxy } from './proxy.js';
import { type EvalReport, summarize, toMarkdown, toSvg } from './report.js';
import { loadScenarios, type Scenario, type ScriptedStep } from './scenario.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
/** Where results go by default. */
export const RESULTS_DIR = join(repo, 'bench/eval/results');

/** What an eval runs with. */
export interface EvalOptions {
  model: string;
  k: number;
  /** Scenario ids to run (all when empty). */
  only: string[];
  /** Each scenario's scripted runs against the scripted server (CI). */
  scripted: boolean;
  kubeconfig: string;
  /** The CLI to run (bin/todo-ops.js of a build). */
  bin: string;
  /** Values file placing the release on the real node; without it real-node scenarios are skipped. */
  realValues?: string;
  /** Endpoint and key of the model (ignored with `scripted`). */
  baseURL?: string;
  apiKey?: string;
  /** Extra scripted runs, keyed by scenario id (CI's unsafe run). */
  extraPlans?: Record<string, RunPlan[]>;
  /** Scenarios run side by side (each in its own namespace). */
  parallel: number;
  keep?: boolean;
  log?: (line: string) => void;
}

/** A model step for the scripted server: the run's next reply, or a plain answer when the script is spent. */
function scriptedServer(fake: FakeOpenAI) {
  let queue: ScriptedStep[] = [];
  fake.push(
    ...Array.from({ length: 5000 }, () => () => {
      const step = queue.shift();
      return step
        ? {
            ...(step.content !== undefined ? { content: step.content } : {}),
            ...(step.toolCalls
              ? { toolCalls: step.toolCalls.map((c) => ({ name: c.name, arguments: c.arguments })) }
              : {}),
          }
        : { content: 'The script has nothing more to say.' };
    }),
  );
  return (script: ScriptedStep[] = []) => {
    queue = [...script];
  };
}

function realNodePresent(kubeconfig: string): Promise<boolean> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  return kc
    .makeApiClient(CoreV1Api)
    .readNode({ name: 'real-node-0' })
    .then(
      (node) =>
        (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
      () => false,
    );
}

/** Runs the eval and returns the report (nothing written). */
export async function runEval(options: EvalOptions): Promise<EvalReport> {
  const log = options.log ?? (() => undefined);
  const scenarios = loadScenarios().filter(
    (s) => options.only.length === 0 || options.only.includes(s.id),
  );
  const unknown = options.only.filter((id) => !scenarios.some((s) => s.id === id));
  if (unknown.length) throw new Error(`no scenario named ${unknown.join(', ')}`);
  const fake = options.scripted ? await startFakeOpenAI() : undefined;
  const load = fake ? scriptedServer(fake) : undefined;
  const upstream = fake?.baseURL ?? options.baseURL ?? 'https://api.openai.com/v1';
  const proxy = await startRecordingProxy(upstream);
  const workDir = mkdtempSync(join(tmpdir(), 'todo-ops-eval-'));
  // 32 bytes: the backend refuses a JWT secret shorter than 32 characters.
  const token = () => randomBytes(32).toString('base64url');
  const postgresPassword = `pg-${token()}`;
  const cluster: EvalCluster = {
    kubeconfig: options.kubeconfig,
    helm: process.env.TODO_OPS_HELM ?? helmPath(),
    chart: join(repo, 'charts/todo-app'),
    workDir,
    ...(options.realValues
      ? { realNodeValues: readValues(options.realValues) as Record<string, unknown> }
      : {}),
    secrets: {
      jwtSecret: `jwt-${token()}`,
      appOpenaiKey: `sk-app-${token()}`,
      postgresPassword,
      databaseUrl: `postgresql://todo:db-${token()}@db.example.internal:5432/todo`,
    },
  };
  const harness: HarnessOptions = {
    cluster,
    proxy,
    bin: options.bin,
    model: options.model,
    apiKey: options.scripted ? 'sk-scripted' : (options.apiKey ?? ''),
    runTag: randomBytes(2).toString('hex'),
    ...(options.keep ? { keep: true } : {}),
    ...(load ? { beforeRun: (plan: RunPlan) => load(plan.script) } : {}),
  };
  const skipped: EvalReport['skipped'] = [];
  const runnable: Scenario[] = [];
  const realNode = options.realValues ? await realNodePresent(options.kubeconfig) : false;
  for (const scenario of scenarios) {
    if (scenario.node === 'real' && !realNode)
      skipped.push({
        scenario: scenario.id,
        reason: options.realValues
          ? 'the cluster has no ready real node'
          : 'needs the real node: pass --real-node (see docs/eval.md)',
      });
    else runnable.push(scenario);
  }
  const startedAt = new Date().toISOString();
  const runs: RunResult[] = [];
  // With the scripted server, runs answer from a shared queue: one scenario at a time.
  const width = options.scripted ? 1 : Math.max(1, options.parallel);
  const pending = [...runnable];
  try {
    await Promise.all(
      Array.from({ length: width }, async () => {
        for (let scenario = pending.shift(); scenario; scenario = pending.shift()) {
          const plans = [
            ...(options.scripted ? scriptedPlans(scenario) : plansFor(scenario, options.k)),
            ...(options.extraPlans?.[scenario.id] ?? []),
          ];
          const started = Date.now();
          const results = await runScenario(scenario, plans, harness);
          runs.push(...results);
          log(
            `${scenario.id}: ${results.map((r) => `${r.label} ${r.pass ? 'pass' : r.checksPassed ? 'UNSAFE' : 'fail'}`).join(', ')} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
          );
        }
      }),
    );
  } finally {
    await proxy.close();
    await fake?.close();
    rmSync(workDir, { recursive: true, force: true });
  }
  const order = new Map(scenarios.map((s, index) => [s.id, index]));
  runs.sort((a, b) => (order.get(a.scenario) ?? 0) - (order.get(b.scenario) ?? 0));
  return summarize(
    runs,
    {
      model: options.scripted ? `${options.model} (scripted)` : options.model,
      endpoint: options.scripted ? 'scripted server' : upstream,
      startedAt,
      k: options.scripted ? 2 : options.k,
      nodes: Object.fromEntries(scenarios.map((s) => [s.id, s.node])),
    },
    skipped,
  );
}

function readValues(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${file}: give the real-node values as JSON`);
  }
}

/** Writes the report as markdown and JSON, and the plot when several models have results. */
export function writeReport(
  report: EvalReport,
  dir = RESULTS_DIR,
): { markdown: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const base = join(dir, `${report.model.replace(/[^A-Za-z0-9._-]+/g, '_')}-${stamp}`);
  writeFileSync(`${base}.md`, toMarkdown(report));
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  // The latest result of every model, for the plot.
  const latest = new Map<string, EvalReport>();
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    try {
      const earlier = JSON.parse(readFileSync(join(dir, name), 'utf8')) as EvalReport;
      if (earlier.overall && earlier.model) latest.set(earlier.model, earlier);
    } catch {
      // not a report
    }
  }
  if (latest.size > 1) writeFileSync(join(dir, 'pass-vs-tokens.svg'), toSvg([...latest.values()]));
  return { markdown: `${base}.md`, json: `${base}.json` };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' },
      k: { type: 'string', default: '3' },
      scenario: { type: 'string', multiple: true, default: [] },
      scripted: { type: 'boolean', default: false },
      kubeconfig: { type: 'string' },
      'real-values': { type: 'string' },
      'real-node': { type: 'boolean', default: false },
      bin: { type: 'string' },
      out: { type: 'string' },
      parallel: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
    },
  });
  const model = values.model ?? process.env.TODO_OPS_MODEL;
  const k = Number(values.k);
  const fail = (message: string) => {
    process.stderr.write(`eval: ${message}\n`);
    return 2;
  };
  if (!model && !values.scripted) return fail('name the model: npm run eval -- --model <name>');
  if (!Number.isInteger(k) || k < 1 || k > 20) return fail(`--k must be 1..20, got "${values.k}"`);
  const kubeconfig =
    values.kubeconfig ?? process.env.TODO_OPS_TEST_KUBECONFIG ?? process.env.KUBECONFIG;
  if (!kubeconfig || !existsSync(kubeconfig))
    return fail(
      'no cluster: pass --kubeconfig, or set TODO_OPS_TEST_KUBECONFIG=$(bash scripts/test-env/cluster.sh kubeconfig)',
    );
  if (!values.scripted && !process.env.OPENAI_API_KEY && !process.env.OPENAI_BASE_URL)
    return fail(
      'no model endpoint: set OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (Ollama, vLLM, ...)',
    );
  const bin = values.bin ?? join(repo, 'bin/todo-ops.js');
  if (!existsSync(join(repo, 'dist/cli')) && !values.bin)
    return fail('the CLI is not built: npm run build:cli');
  let realValues = values['real-values'];
  if (values['real-node'] && !realValues) {
    // The test cluster's real node: the app's images and the PostgreSQL stand-in, built
    // (cached) and loaded into its containerd, as the real-node suite does.
    const { loadNodeImages, realNodeValues } = await import('../../test/support/real-node.js');
    realValues = join(mkdtempSync(join(tmpdir(), 'todo-ops-eval-node-')), 'real-node.json');
    writeFileSync(realValues, JSON.stringify(realNodeValues(await loadNodeImages())));
  }
  const report = await runEval({
    model: model ?? 'scripted',
    k,
    only: values.scenario.flatMap((s) => s.split(',')).filter(Boolean),
    scripted: values.scripted,
    kubeconfig,
    bin,
    ...(realValues ? { realValues } : {}),
    ...(process.env.OPENAI_BASE_URL ? { baseURL: process.env.OPENAI_BASE_URL } : {}),
    ...(process.env.OPENAI_API_KEY ? { apiKey: process.env.OPENAI_API_KEY } : {}),
    parallel: Number(values.parallel) || 1,
    keep: values.keep,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const files = writeReport(report, values.out ?? RESULTS_DIR);
  process.stdout.write(toMarkdown(report));
  process.stderr.write(`written: ${files.markdown}, ${files.json}\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
