/**
 * `deploy`: installs or upgrades the release (`helm upgrade --install`), optionally building
 * images first, then waits for the rollout while the diagnose analyzers watch, proves the
 * app works and rolls back by itself when it does not (tools/safe-change.ts). Secrets come
 * from the environment or a dotenv file and reach helm through a private values file, never
 * argv, never the output.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import {
  type BuiltImage,
  buildComponentImages,
  builtImageSchema,
  imageLines,
} from './build-images.js';
import {
  chartMissing,
  componentOf,
  formatDuration,
  guard,
  podRow,
  podRowSchema,
  podTable,
  releaseSelector,
} from './common.js';
import { type DisplayBlock, fail, ok, onFirstUse } from './contract.js';
import { deployValues, setPath } from './deploy-values.js';
import type { OpsContext, OpsTool } from './deps.js';
import { COMPONENTS } from './names.js';
import { previewDeploy } from './previews.js';
import { isSecretKey, REDACTED } from './redact.js';
import { applySafely, type SafeChange, safeChangeSchema } from './safe-change.js';

const output = onFirstUse(() =>
  z.object({
    revision: z.number().int().describe('Helm revision now live'),
    status: z.string().describe('Helm status of the release'),
    installed: z.boolean().describe('true for a first install, false for an upgrade'),
    url: z.string().describe('where the app answers once the hosts line is in place'),
    hostsLine: z.string().describe('the "<ip> <host>" line for the hosts file'),
    images: z.array(builtImageSchema()).describe('images built for this deploy (with build)'),
    secrets: z
      .object({
        passed: z.array(z.string()).describe('names of secrets passed from the environment'),
        generated: z.array(z.string()).describe('names of secrets generated for a first install'),
      })
      .describe('names, never values'),
    pods: z.array(podRowSchema()).describe('the pods of the release afterwards'),
    change: safeChangeSchema().describe(
      'the rollout, the proof, the undo if any, and how long each took',
    ),
  }),
);

/** What `deploy` returns. */
export type DeployData = z.infer<ReturnType<typeof output>>;

/** The hosts-file line and URL of the app, from Minikube's IP or the ingress address. */
export async function appAddress(
  ctx: OpsContext,
  ingressAddress?: string | null,
): Promise<{ ip: string; url: string; hostsLine: string }> {
  const { host } = ctx.deps.config;
  let ip = ingressAddress ?? undefined;
  if (
    ctx.deps.kube.contextName === ctx.deps.config.minikubeProfile ||
    ctx.deps.kube.contextName === 'minikube'
  ) {
    ip = (await ctx.deps.minikube.ip()) ?? ip;
  }
  ip ??= '127.0.0.1';
  return { ip, url: `http://${host}/`, hostsLine: `${ip} ${host}` };
}

/** What a person needs to see of a change that did not stick: the evidence and the undo. */
export function changeBlocks(change: SafeChange): DisplayBlock[] {
  if (change.outcome === 'kept') return [];
  const blocks: DisplayBlock[] = change.findings
    .filter((f) => f.severity !== 'warning')
    .slice(0, 5)
    .map((f) => ({
      kind: 'text',
      tone: 'problem',
      text: [
        `✗ ${f.class}  ${f.resource}  ${f.title}`,
        ...f.evidence.slice(0, 4).map((e) => `    ${e}`),
      ].join('\n'),
    }));
  if (change.proof && !change.proof.ok)
    blocks.push({
      kind: 'text',
      text: `proof via ${change.proof.url}:\n${change.proof.steps.map((s) => `  ${s.ok ? '✓' : '✗'} ${s.step}: ${s.detail}`).join('\n')}`,
    });
  if (change.rollback)
    blocks.push({
      kind: 'text',
      tone: change.rollback.ok ? 'normal' : 'problem',
      text: `rollback to revision ${change.rollback.to}: ${change.rollback.detail}`,
    });
  return blocks;
}

const input = z.object({
  build: z
    .boolean()
    .optional()
    .describe('Build the backend and frontend images first and deploy those tags.'),
  set: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z0-9_.-]+$/)
        .max(120),
      z.string().max(500),
    )
    .optional()
    .describe(
      'Extra chart values as dotted key -> value, e.g. {"ingress.host": "todo.local"}. Secrets belong in the environment, not here.',
    ),
  secretsFile: z
    .string()
    .max(500)
    .optional()
    .describe(
      'Path of a dotenv file with JWT_SECRET, OPENAI_API_KEY, DATABASE_URL, POSTGRES_PASSWORD (else read from the environment).',
    ),
  noRollback: z
    .boolean()
    .optional()
    .describe(
      'Keep a failed change in place for debugging instead of rolling back to the revision before it.',
    ),
  noProof: z
    .boolean()
    .optional()
    .describe(
      'Skip the proof after the rollout (a throwaway user signs up, writes and reads a task, and is deleted).',
    ),
});

/** Installs or upgrades the release. */
export const deployTool: OpsTool<typeof input, DeployData> = {
  name: 'deploy',
  title: 'Deploy the todo app',
  description:
    'Install or upgrade the todo app release with Helm (namespace created if needed), optionally building images first; waits until every pod is ready (stopping early on a cause that cannot clear by itself, such as an image that does not exist), proves the app works with a throwaway user (sign-up, sign-in, a task written and read back, then deleted), and rolls back to the revision before when the rollout or the proof fails, reporting what the diagnose analyzers found. Secrets come from the environment or a dotenv file and are never shown. Prints the URL and the hosts-file line. Changes the cluster.',
  input,
  get output() {
    return output();
  },
  effect: 'write',
  idempotent: true,
  plan: (args) => {
    const set = Object.entries(args.set ?? {}).map(
      ([key, value]) => `--set ${key}=${isSecretKey(key) ? REDACTED : value}`,
    );
    return [
      `install or upgrade the todo app release (helm upgrade --install${set.length ? ` ${set.join(' ')}` : ''})`,
      args.build ? ', building the backend and frontend images first' : '',
      `; secrets from ${args.secretsFile ?? 'the environment'}`,
    ].join('');
  },
  preview: (args, deps) => previewDeploy(args, deps),
  view: (data) => {
    const blocks: DisplayBlock[] = [];
    if (data.images.length) blocks.push(imageLines(data.images));
    blocks.push(...changeBlocks(data.change));
    if (data.pods.length) blocks.push(podTable(data.pods));
    blocks.push({ kind: 'text', text: `hosts line: ${data.hostsLine}` });
    return blocks;
  },
  run: (args, ctx) =>
    guard(ctx, async () => {
      const { release, namespace, chartPath, helmTimeoutSeconds } = ctx.deps.config;
      const missing = chartMissing(ctx);
      if (missing) return missing;
      const unreadable = ctx.deps.config.valuesFiles.find((f) => !existsSync(f));
      if (unreadable)
        return fail(
          'invalid_input',
          `values file ${unreadable} (from TODO_OPS_VALUES) does not exist`,
          'set TODO_OPS_VALUES to existing values files, comma-separated, or unset it',
        );
      const started = Date.now();
      const existing = await ctx.deps.helm.status(release);
      const made = await deployValues(args, ctx.deps, Boolean(existing));
      if (!made.ok) return fail('invalid_input', made.message, 'pass a readable dotenv file');
      const { values, passed, generated, existingSecret, ignored } = made;
      // With secrets.existingSecret the Secret holds them: copying them into the release
      // values as well would store them in the Helm release record (readable wherever the
      // records are, e.g. ConfigMaps for the in-cluster ops server).
      if (existingSecret && ignored.length)
        ctx.progress?.({
          message: `secrets come from Secret ${existingSecret}; ignoring ${ignored.join(', ')} from the environment`,
        });
      let images: BuiltImage[] = [];
      if (args.build) {
        const built = await buildComponentImages(ctx, [...COMPONENTS]);
        if (!built.ok) return { ok: false, error: built.error };
        images = built.data.images;
        for (const image of images) {
          setPath(values, `${image.component}.image.repository`, image.repository);
          setPath(values, `${image.component}.image.tag`, image.tag);
        }
      }
      const dir = mkdtempSync(join(tmpdir(), 'todo-ops-'));
      const valuesFile = join(dir, 'values.yaml');
      let safe: Awaited<ReturnType<typeof applySafely>>;
      try {
        // JSON is YAML: helm reads it as a values file, and no YAML library is loaded.
        writeFileSync(valuesFile, JSON.stringify(values, null, 2), { mode: 0o600 });
        safe = await applySafely(ctx, {
          what: existing ? `the upgrade of ${release}` : `the install of ${release}`,
          previous: existing,
          prove: ctx.deps.config.proveChanges && !args.noProof,
          rollback: !args.noRollback,
          apply: () => {
            ctx.progress?.({
              message: `helm upgrade --install ${release} (namespace ${namespace})`,
            });
            // No Helm wait: the rollout is watched by todo-ops, which stops early on a cause
            // that will not clear and keeps the evidence (Helm's rollback-on-failure waits
            // the whole timeout, and on a first install uninstalls what would show why).
            return ctx.deps.helm.upgrade(
              {
                release,
                chart: chartPath,
                install: true,
                createNamespace: true,
                reuseValues: Boolean(existing),
                valuesFiles: [...ctx.deps.config.valuesFiles, valuesFile],
                ...(args.set ? { set: args.set } : {}),
                timeoutSeconds: helmTimeoutSeconds,
              },
              (line) => ctx.progress?.({ message: line }),
            );
          },
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const { change, failure } = safe;
      const [pods, ingresses, after] = await Promise.all([
        ctx.deps.kube.listPods(namespace, releaseSelector(release)),
        ctx.deps.kube.listIngresses(namespace, releaseSelector(release)),
        ctx.deps.helm.status(release),
      ]);
      const address = ingresses[0]?.status?.loadBalancer?.ingress?.[0];
      const where = await appAddress(ctx, address?.ip ?? address?.hostname ?? null);
      const now = new Date();
      const rows = pods
        .filter((p) => !p.metadata?.deletionTimestamp)
        .map((p) => podRow(p, now))
        .sort((a, b) => a.name.localeCompare(b.name));
      const data: DeployData = {
        revision: after?.revision ?? change.liveRevision ?? change.appliedRevision,
        status: after?.status ?? 'unknown',
        installed: !existing,
        url: where.url,
        hostsLine: where.hostsLine,
        images,
        secrets: { passed, generated },
        pods: rows,
        change,
      };
      if (failure) return fail(failure.kind, failure.message, failure.hint, data);
      const components = [...new Set(pods.map((p) => componentOf(p) ?? '-'))].join(', ');
      const proof = change.proof
        ? `; proven in ${formatDuration(change.timings.proofMs)} (health, sign-up, sign-in, a task written and read back, cleaned up)`
        : '; proof skipped';
      return ok(
        `${existing ? 'upgraded' : 'installed'} ${release} revision ${data.revision} in ${namespace} (${rows.length} pods ready: ${components}) in ${formatDuration(Date.now() - started)}${proof}; open ${where.url} after adding "${where.hostsLine}" to your hosts file`,
        data,
      );
    }),
};
