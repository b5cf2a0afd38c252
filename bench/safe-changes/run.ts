/**
 * What the plan and the proof add to a change, on the test cluster's real node, side by
 * side in one run on one release:
 *
 * - an upgrade that rolls the backend's pods (a new pod annotation each time): `todo-ops
 *   deploy --yes` as shipped (plan, rollout watch, proof) against the same command with
 *   the plan and the proof off (`TODO_OPS_PLAN=0`, `--no-proof`);
 * - scale the backend 2 -> 3 -> 2 to Ready: `todo-ops scale` with its plan against the same
 *   with `TODO_OPS_PLAN=0` (a scale has no proof).
 *
 * A third variant of each is the command as shipped with its release reads (status, history,
 * values, manifests) made by helm processes (`TODO_OPS_HELM_READS=helm`) instead of the
 * release records through the Kubernetes API: what the records save.
 *
 * Each round runs every variant, rotating which goes first. Needs the cluster with its
 * real node (`bash scripts/test-env/cluster.sh up`), the images (`bash
 * scripts/test-env/images.sh build all`, `bash scripts/test-env/real-node.sh standin`) and
 * a build (`npm run build`). Prints a markdown table and the raw figures as JSON.
 *
 *   node --import tsx bench/safe-changes/run.ts [--rounds 5]
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import {
  cli,
  helm,
  kubeconfig,
  kubectl,
  median,
  realNodeValuesFile,
  roundsArg,
  secrets,
} from '../support/real-node.js';

const rounds = roundsArg(5);
const namespace = `bench-safe-${process.pid}`;
const { dir, file: valuesFile } = await realNodeValuesFile('todo-ops-bench-safe-');
const env = {
  ...process.env,
  KUBECONFIG: kubeconfig,
  TODO_OPS_HELM: helm,
  TODO_OPS_VALUES: valuesFile,
  TODO_OPS_AUDIT_LOG: 'off',
  ...secrets,
};
const BARE = { TODO_OPS_PLAN: '0' };
const HELM_READS = { TODO_OPS_HELM_READS: 'helm' };

/** Wall time of one todo-ops command, in seconds; throws (with its output) when it fails. */
function todoOps(args: string[], extraEnv: Record<string, string> = {}): number {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, [cli, '--namespace', namespace, ...args], {
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 600_000,
  });
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
const results = {
  deploySafe: [] as number[],
  deployBare: [] as number[],
  deployHelmReads: [] as number[],
};
const scale = {
  scaleSafe: [] as number[],
  scaleBare: [] as number[],
  scaleHelmReads: [] as number[],
};
/** The variants in the order of this round: each goes first once every three rounds. */
const rotated = <T>(list: T[], round: number): T[] => [
  ...list.slice(round % list.length),
  ...list.slice(0, round % list.length),
];
const scaleTrip = (extraEnv?: Record<string, string>) =>
  todoOps(['scale', 'backend', '3', '--yes'], extraEnv) +
  todoOps(['scale', 'backend', '2', '--yes'], extraEnv);
let change = 0;
const deploy = (extraArgs: string[], extraEnv?: Record<string, string>) => {
  change += 1;
  return todoOps(
    ['deploy', '--yes', '--set', `backend.podAnnotations.bench=change-${change}`, ...extraArgs],
    extraEnv,
  );
};
try {
  todoOps(['deploy', '--yes']);
  for (let round = 0; round < rounds; round += 1) {
    const variants: Array<() => void> = [
      () => results.deploySafe.push(deploy([])),
      () => results.deployBare.push(deploy(['--no-proof'], BARE)),
      () => results.deployHelmReads.push(deploy([], HELM_READS)),
    ];
    for (const run of rotated(variants, round)) run();
  }
  for (let round = 0; round < rounds; round += 1) {
    const variants: Array<() => void> = [
      () => scale.scaleSafe.push(scaleTrip()),
      () => scale.scaleBare.push(scaleTrip(BARE)),
      () => scale.scaleHelmReads.push(scaleTrip(HELM_READS)),
    ];
    for (const run of rotated(variants, round)) run();
  }
} finally {
  execFileSync(
    kubectl,
    ['--kubeconfig', kubeconfig, 'delete', 'namespace', namespace, '--wait=true'],
    {
      stdio: 'ignore',
      timeout: 180_000,
    },
  );
  rmSync(dir, { recursive: true, force: true });
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const row = (what: string, safe: number[], bare: number[], goal: string) => {
  const ms = median(safe);
  const mb = median(bare);
  const added = (ms / mb - 1) * 100;
  return `| ${what} | ${ms.toFixed(1)} s | ${mb.toFixed(1)} s | ${(ms / mb).toFixed(2)} | ${added >= 0 ? '+' : ''}${added.toFixed(0)} % | ${goal} |`;
};
out(`\n${rounds} rounds, medians, same release and run\n`);
out('| change | with plan and proof | without | ratio | added | goal |');
out('| --- | --- | --- | --- | --- | --- |');
out(
  row(
    'deploy: upgrade rolling the backend pods',
    results.deploySafe,
    results.deployBare,
    'under 15 %',
  ),
);
out(row('scale backend 2 -> 3 -> 2 (plan only)', scale.scaleSafe, scale.scaleBare, '-'));
out('\nThe same commands as shipped, with their release reads by helm processes:\n');
out('| change | reads through helm | through the records | ratio |');
out('| --- | --- | --- | --- |');
for (const [what, helmReads, records] of [
  ['deploy', results.deployHelmReads, results.deploySafe],
  ['scale 2 -> 3 -> 2', scale.scaleHelmReads, scale.scaleSafe],
] as const)
  out(
    `| ${what} | ${median(helmReads).toFixed(1)} s | ${median(records).toFixed(1)} s | ${(median(records) / median(helmReads)).toFixed(2)} |`,
  );
out(`\n${JSON.stringify({ ...results, ...scale })}`);
