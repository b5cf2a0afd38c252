/**
 * With `secrets.existingSecret`, deploy leaves secrets in that Secret: values exported in
 * the environment never reach the Helm release record (which the in-cluster ops server
 * reads from ConfigMaps), and nothing is generated.
 */
import { expect, it } from 'vitest';
import { deployTool } from '../../tools/deploy.js';
import { clusterMissing, useTestNamespace } from '../support/cluster.js';
import { describeWithEnv } from '../support/env.js';
import { APP_CHART, clusterDeps, expectOk, runTool, TEST_SECRETS } from './tools-harness.js';

describeWithEnv('deploy with an existing Secret', clusterMissing(), () => {
  const cluster = useTestNamespace('existing-secret');

  it('keeps environment secrets out of the release values', async () => {
    await cluster.core.createNamespacedSecret({
      namespace: cluster.namespace,
      body: {
        metadata: { name: 'app-secrets' },
        stringData: {
          DATABASE_URL: TEST_SECRETS.DATABASE_URL,
          JWT_SECRET: 'secret-held-by-the-secret-0123456789',
          OPENAI_API_KEY: 'sk-held-by-the-secret-0123456789',
        },
      },
    });
    const deps = clusterDeps(cluster, { chartPath: APP_CHART });
    const result = await runTool<{ secrets: { passed: string[]; generated: string[] } }>(
      deployTool,
      { set: { 'secrets.existingSecret': 'app-secrets', 'postgresql.enabled': 'false' } },
      deps,
    );
    const data = expectOk(result);
    expect(data.secrets).toEqual({ passed: [], generated: [] });
    const stored = JSON.stringify(await deps.helm.getValues('todo-app', true));
    expect(stored).toContain('app-secrets');
    for (const secret of Object.values(TEST_SECRETS)) expect(stored).not.toContain(secret);
  });
});
