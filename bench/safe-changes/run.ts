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
 * Each round runs both variants, alternating which goes first. Needs the cluster with its
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
const results = { deploySafe: [] as number[], deployBare: [] as number[] };
const scale = { scaleSafe: [] as number[], scaleBare: [] as number[] };
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
    const order: Array<() => void> = [
      () => results.deploySafe.push(deploy([])),
      () => results.deployBare.push(deploy(['--no-proof'], BARE)),
    ];
    if (round % 2) order.reverse();
    for (const run of order) run();
  }
  for (let round = 0; round < rounds; round += 1) {
    const order: Array<() => void> = [
      () =>
        scale.scaleSafe.push(
          todoOps(['scale', 'backend', '3', '--yes']) + todoOps(['scale', 'backend', '2', '--yes']),
        ),
      () =>
        scale.scaleBare.push(
          todoOps(['scale', 'backend', '3', '--yes'], BARE) +
            todoOps(['scale', 'backend', '2', '--yes'], BARE),
        ),
    ];
    if (round % 2) order.reverse();
    for (const run of order) run();
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
out(`\n${JSON.stringify({ ...results, ...scale })}`);
