/**
 * Helm stays the source of truth for replicas: after someone scaled the backend behind
 * Helm's back (kubectl scale, another MCP server), `scale` still applies and the release
 * records the new count.
 */
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { expect, it } from 'vitest';
import { deployTool } from '../../tools/deploy.js';
import { scaleTool } from '../../tools/scale.js';
import { clusterMissing, useTestNamespace, waitForReadyPods } from '../support/cluster.js';
import { describeWithEnv } from '../support/env.js';
import { APP_CHART, clusterDeps, expectOk, runTool } from './tools-harness.js';

const BACKEND = 'app.kubernetes.io/instance=todo-app,app.kubernetes.io/component=backend';

describeWithEnv('scale after an out-of-band change', clusterMissing(), () => {
  const cluster = useTestNamespace('drift');

  it('takes the replica count back from another field manager', async () => {
    const deps = clusterDeps(cluster, { chartPath: APP_CHART });
    expectOk(await runTool(deployTool, {}, deps));
    const backend =
      (
        await cluster.apps.listNamespacedDeployment({
          namespace: cluster.namespace,
          labelSelector: BACKEND,
        })
      ).items[0]?.metadata?.name ?? '';
    // Another client scales the Deployment directly, as `kubectl scale` would.
    await cluster.apps.patchNamespacedDeploymentScale(
      {
        name: backend,
        namespace: cluster.namespace,
        body: { spec: { replicas: 4 } },
        fieldManager: 'other-ops-tool',
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await waitForReadyPods(cluster, BACKEND, 4);
    const result = await runTool(scaleTool, { component: 'backend', replicas: 3 }, deps);
    expect(expectOk(result)).toMatchObject({ from: 4, to: 3, ready: 3 });
    await waitForReadyPods(cluster, BACKEND, 3);
    expect(await deps.helm.getValues('todo-app')).toMatchObject({ backend: { replicas: 3 } });
  });
});
