/**
 * `scale` passes --force-conflicts so that Helm takes replicas back from other field
 * managers. Helm 4 accepts that flag only with server-side apply, and on upgrade it keeps
 * the method the release was last applied with (`--server-side=auto`): a release installed
 * client-side (by Helm 3, or `--server-side=false`) made every `scale` fail with
 * "forceConflicts enabled when serverSideApply disabled". The adapter now passes
 * `--server-side=true` with it. Real helm 4 against the test cluster.
 */
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { scaleTool } from '../../tools/scale.js';
import {
  clusterMissing,
  type TestCluster,
  useTestNamespace,
  waitForReadyPods,
} from '../support/cluster.js';
import { describeWithEnv } from '../support/env.js';
import { helmPath } from '../support/kube-tools.js';
import { clusterDeps, expectOk, FIXTURE_CHART, runTool } from './tools-harness.js';

const BACKEND = 'app.kubernetes.io/instance=todo-app,app.kubernetes.io/component=backend';

/** Runs the real helm against `cluster`'s namespace. */
function helm(cluster: TestCluster, args: string[]) {
  const run = spawnSync(
    helmPath(),
    [...args, '--namespace', cluster.namespace, '--kubeconfig', cluster.kubeconfigPath],
    { encoding: 'utf8', timeout: 150_000 },
  );
  return { status: run.status, out: `${run.stdout}\n${run.stderr}` };
}

/** Installs the fixture chart as release todo-app the way Helm 3 did: client-side apply. */
function installClientSide(cluster: TestCluster): void {
  const run = helm(cluster, [
    'install',
    'todo-app',
    FIXTURE_CHART,
    '--server-side=false',
    '--set',
    'secrets.jwtSecret=integration-jwt-secret-value',
    '--wait=watcher',
    '--timeout',
    '90s',
  ]);
  expect(run.status, run.out).toBe(0);
}

describeWithEnv('helm --force-conflicts on a release applied client-side', clusterMissing(), () => {
  const scaled = useTestNamespace('csa-scale');
  const raw = useTestNamespace('csa-raw');

  it('scale still works: the adapter asks for server-side apply with --force-conflicts', async () => {
    installClientSide(scaled);
    const deps = clusterDeps(scaled);
    const result = await runTool(scaleTool, { component: 'backend', replicas: 3 }, deps);
    expect(expectOk(result)).toMatchObject({ from: 2, to: 3, ready: 3 });
    await waitForReadyPods(scaled, BACKEND, 3);
    expect(await deps.helm.getValues('todo-app')).toMatchObject({ backend: { replicas: 3 } });
    // And again, now that the release is applied server-side.
    expect(
      expectOk(await runTool(scaleTool, { component: 'backend', replicas: 1 }, deps)),
    ).toMatchObject({ from: 3, to: 1 });
  });

  it('without --server-side=true, Helm 4 refuses --force-conflicts on that release', () => {
    installClientSide(raw);
    const run = helm(raw, [
      'upgrade',
      'todo-app',
      FIXTURE_CHART,
      '--reuse-values',
      '--set',
      'backend.replicas=3',
      '--force-conflicts',
      '--timeout',
      '60s',
    ]);
    expect(run.status).not.toBe(0);
    expect(run.out).toContain('forceConflicts enabled when serverSideApply disabled');
  });
});
