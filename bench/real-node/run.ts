/**
 * The todo app on the test cluster's real node, side by side in one run:
 *
 * - deploy to all Ready: `todo-ops deploy --yes` against `helm install --wait` alone, with
 *   the same chart and values, each in a fresh namespace, alternating which goes first;
 * - scale the backend 1 -> 3 to all Ready: `todo-ops scale` against `kubectl scale` +
 *   `kubectl rollout status` (which leaves the release's values behind);
 * - diagnose a release with a fault (an image the node does not have): `todo-ops diagnose`
 *   against `kubectl get pods` + `kubectl get events` (which only list, not explain).
 *
 * Needs the cluster with its real node (`bash scripts/test-env/cluster.sh up`), the images
 * (`bash scripts/test-env/images.sh build all`, `bash scripts/test-env/real-node.sh standin`)
 * and a build (`npm run build`, for bin/todo-ops.js). Prints a markdown table and JSON.
 *
 *   node --import tsx bench/real-node/run.ts [--rounds 3]
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import {
  chart,
  cli,
  helm,
  kubeconfig,
  kubectl,
  median,
  realNodeValuesFile,
  roundsArg,
  secrets,
} from '../support/real-node.js';

const rounds = roundsArg(3);
const { dir, file: valuesFile } = await realNodeValuesFile('todo-ops-bench-');
const env = { ...process.env, KUBECONFIG: kubeconfig, TODO_OPS_HELM: helm, ...secrets };

/** Wall time of one command, in seconds; throws when it fails. */
function time(command: string, args: string[], extraEnv: Record<string, string> = {}): number {
  const t0 = process.hrtime.bigint();
  execFileSync(command, args, {
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
const dropNamespace = (ns: string) =>
  execFileSync(kubectl, ['--kubeconfig', kubeconfig, 'delete', 'namespace', ns, '--wait=true'], {
    stdio: 'ignore',
    timeout: 180_000,
  });

const todoOpsDeploy = (ns: string) =>
  time(process.execPath, [cli, '--namespace', ns, 'deploy', '--yes'], {
    TODO_OPS_VALUES: valuesFile,
  });
const helmInstall = (ns: string) =>
  time(helm, [
    'install',
    'todo-app',
    chart,
    '--namespace',
    ns,
    '--create-namespace',
    '-f',
    valuesFile,
    '--set-string',
    `secrets.jwtSecret=${secrets.JWT_SECRET}`,
    '--set-string',
    `secrets.openaiApiKey=${secrets.OPENAI_API_KEY}`,
    '--set-string',
    `postgresql.auth.password=${secrets.POSTGRES_PASSWORD}`,
    '--wait',
    '--timeout',
    '5m',
  ]);

const results: Record<string, number[]> = { todoOpsDeploy: [], helmInstall: [] };
let keep = '';
try {
  for (let round = 0; round < rounds; round += 1) {
    const order: Array<[string, (ns: string) => number]> = [
      ['todoOpsDeploy', todoOpsDeploy],
      ['helmInstall', helmInstall],
    ];
    if (round % 2) order.reverse();
    for (const [name, fn] of order) {
      const ns = `bench-${name.toLowerCase()}-${round}`;
      (results[name] as number[]).push(fn(ns));
      if (round === rounds - 1 && name === 'todoOpsDeploy') keep = ns;
      else dropNamespace(ns);
    }
  }
  // Scale 1 -> 3 on the kept todo-ops release.
  const k = (...args: string[]) => ['--kubeconfig', kubeconfig, '-n', keep, ...args];
  const scaleTodoOps: number[] = [];
  const scaleKubectl: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    time(process.execPath, [cli, '--namespace', keep, 'scale', 'backend', '1', '--yes']);
    scaleTodoOps.push(
      time(process.execPath, [cli, '--namespace', keep, 'scale', 'backend', '3', '--yes']),
    );
    time(kubectl, k('scale', 'deployment/todo-app-backend', '--replicas=1'));
    time(kubectl, k('rollout', 'status', 'deployment/todo-app-backend', '--timeout=120s'));
    const t0 = process.hrtime.bigint();
    time(kubectl, k('scale', 'deployment/todo-app-backend', '--replicas=3'));
    time(kubectl, k('rollout', 'status', 'deployment/todo-app-backend', '--timeout=120s'));
    scaleKubectl.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  results.scaleTodoOps = scaleTodoOps;
  results.scaleKubectl = scaleKubectl;
  // Diagnose a fault: a second release whose backend image does not exist.
  execFileSync(
    helm,
    [
      'install',
      'broken',
      chart,
      '--namespace',
      keep,
      '-f',
      valuesFile,
      '--set-string',
      'backend.image.tag=does-not-exist',
      '--set',
      'frontend.replicas=0,postgresql.enabled=false,backend.replicas=1',
      '--set-string',
      `secrets.jwtSecret=${secrets.JWT_SECRET},secrets.openaiApiKey=${secrets.OPENAI_API_KEY}`,
      '--set-string',
      'secrets.databaseUrl=postgresql://todo:x@todo-app-postgresql:5432/todo',
    ],
    { env, stdio: 'ignore' },
  );
  execFileSync('sleep', ['20']);
  results.diagnose = [];
  results.kubectlList = [];
  for (let round = 0; round < rounds; round += 1) {
    results.diagnose.push(
      time(process.execPath, [cli, '--namespace', keep, '--release', 'broken', 'diagnose']),
    );
    const t0 = process.hrtime.bigint();
    time(kubectl, k('get', 'pods', '-l', 'app.kubernetes.io/instance=broken'));
    time(kubectl, k('get', 'events'));
    results.kubectlList.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
} finally {
  if (keep) dropNamespace(keep);
  rmSync(dir, { recursive: true, force: true });
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const row = (what: string, a: string, b: string) => {
  const ma = median(results[a] as number[]);
  const mb = median(results[b] as number[]);
  return `| ${what} | ${ma.toFixed(1)} s | ${mb.toFixed(1)} s | ${(ma / mb).toFixed(2)} |`;
};
out(`\n${rounds} rounds, medians, same cluster and run\n`);
out('| measure | todo-ops | baseline | ratio |');
out('| --- | --- | --- | --- |');
out(row('deploy to all Ready (baseline: helm install --wait)', 'todoOpsDeploy', 'helmInstall'));
out(
  row(
    'scale backend 1 -> 3 to Ready (baseline: kubectl scale + rollout status)',
    'scaleTodoOps',
    'scaleKubectl',
  ),
);
out(
  row('diagnose a missing image (baseline: kubectl get pods + events)', 'diagnose', 'kubectlList'),
);
out(`\n${JSON.stringify(results)}`);
