/** Each everyday tool against the real test cluster and real helm. */
import { expect, it } from 'vitest';
import { deployTool } from '../../tools/deploy.js';
import { eventsTool } from '../../tools/events.js';
import { historyTool } from '../../tools/history.js';
import { logsTool } from '../../tools/logs.js';
import { restartTool } from '../../tools/restart.js';
import { rollbackTool } from '../../tools/rollback.js';
import { scaleTool } from '../../tools/scale.js';
import { statusTool } from '../../tools/status.js';
import { teardownTool } from '../../tools/teardown.js';
import {
  clusterMissing,
  listPods,
  setPodLogs,
  useTestNamespace,
  waitForReadyPods,
} from '../support/cluster.js';
import { describeWithEnv } from '../support/env.js';
import { APP_CHART, clusterDeps, expectOk, runTool, TEST_SECRETS } from './tools-harness.js';

describeWithEnv('ops tools on the test cluster', clusterMissing(), () => {
  const cluster = useTestNamespace('tools');
  const deps = () => clusterDeps(cluster, { chartPath: APP_CHART });
  /** Replicas the chart gives a component (its defaults, or what the tests set). */
  const replicas = async (component: string) =>
    Number(
      ((await deps().helm.getValues('todo-app', true))[component] as { replicas: number }).replicas,
    );
  const backend = 'app.kubernetes.io/instance=todo-app,app.kubernetes.io/component=backend';

  it('status before deploy says it is not deployed', async () => {
    const result = await runTool(statusTool, {}, deps());
    expect(result.ok && result.summary).toContain('is not deployed');
  });

  it('deploy installs the release, waits for ready pods and never echoes the secret', async () => {
    const result = await runTool<{
      revision: number;
      installed: boolean;
      hostsLine: string;
      secrets: { passed: string[]; generated: string[] };
    }>(deployTool, {}, deps());
    const data = expectOk(result);
    expect(data).toMatchObject({ revision: 1, installed: true, hostsLine: '127.0.0.1 todo.local' });
    expect(data.secrets.passed).toEqual(['JWT_SECRET', 'OPENAI_API_KEY', 'DATABASE_URL']);
    for (const secret of [...Object.values(TEST_SECRETS), 'integration-db-password'])
      expect(JSON.stringify(result)).not.toContain(secret);
    await waitForReadyPods(cluster, backend, await replicas('backend'), 5_000);
  });

  it('status shows the release, ready pods, services and the ingress host', async () => {
    const data = expectOk(
      await runTool<{
        deployed: boolean;
        pods: Array<{ ready: string }>;
        services: Array<{ name: string; endpoints: number }>;
        ingresses: Array<{ hosts: string[] }>;
      }>(statusTool, {}, deps()),
    );
    expect(data.deployed).toBe(true);
    expect(data.pods.length).toBe((await replicas('backend')) + (await replicas('frontend')));
    expect(data.pods.every((p) => p.ready === '1/1')).toBe(true);
    expect(data.ingresses[0]?.hosts).toEqual(['todo.local']);
    expect(data.services.map((s) => s.name).sort()).toEqual([
      'todo-app-backend',
      'todo-app-frontend',
    ]);
  });

  it('scale goes through helm --reuse-values and waits until the new pods are ready', async () => {
    const from = await replicas('backend');
    const up = await runTool(scaleTool, { component: 'backend', replicas: from + 1 }, deps());
    expect(expectOk(up)).toMatchObject({ from, to: from + 1, ready: from + 1, revision: 2 });
    expect((await listPods(cluster, backend)).length).toBe(from + 1);
    const values = await deps().helm.getValues('todo-app');
    expect(values).toMatchObject({ backend: { replicas: from + 1 } });
    // --reuse-values kept the secret given at install time.
    expect(JSON.stringify(values)).toContain('jwtSecret');
    const down = await runTool(scaleTool, { component: 'backend', replicas: from }, deps());
    expect(expectOk(down)).toMatchObject({ from: from + 1, to: from, revision: 3 });
  });

  it('scale refuses more than the configured maximum', async () => {
    const result = await runTool(scaleTool, { component: 'frontend', replicas: 11 }, deps());
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
  });

  it('logs reads a pod or a component, tail and previous container, redacted', async () => {
    const [pod] = await listPods(cluster, backend);
    const name = pod?.metadata?.name ?? '';
    await setPodLogs(
      cluster,
      name,
      ['listening on :8000', 'connecting to postgres://todo:pa55word-xyz@db:5432/todo', 'ready'],
      ['crashed before'],
    );
    const data = expectOk(
      await runTool<{ pods: Array<{ lines: string[] }> }>(logsTool, { pod: name, tail: 2 }, deps()),
    );
    expect(data.pods[0]?.lines).toEqual([
      'connecting to postgres://todo:[REDACTED]@db:5432/todo',
      'ready',
    ]);
    const previous = expectOk(
      await runTool<{ pods: Array<{ lines: string[] }> }>(
        logsTool,
        { pod: name, previous: true },
        deps(),
      ),
    );
    expect(previous.pods[0]?.lines).toEqual(['crashed before']);
    const all = expectOk(
      await runTool<{ pods: unknown[] }>(logsTool, { component: 'backend' }, deps()),
    );
    expect(all.pods.length).toBe(await replicas('backend'));
    const missing = await runTool(logsTool, { pod: 'not-a-pod-of-the-release' }, deps());
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });

  it('events lists what the controllers did, warnings first', async () => {
    const data = expectOk(
      await runTool<{ events: Array<{ type: string; reason: string }> }>(eventsTool, {}, deps()),
    );
    expect(data.events.some((e) => e.reason === 'ScalingReplicaSet')).toBe(true);
    const types = data.events.map((e) => e.type);
    const firstNormal = types.indexOf('Normal');
    expect(firstNormal === -1 || types.lastIndexOf('Warning') < firstNormal).toBe(true);
  });

  it('restart replaces every pod of a component and waits until they are ready', async () => {
    const before = (await listPods(cluster, backend)).map((p) => p.metadata?.name);
    const n = await replicas('backend');
    const data = expectOk(await runTool(restartTool, { component: 'backend' }, deps()));
    expect(data).toMatchObject({ ready: n, desired: n });
    const after = await waitForReadyPods(cluster, backend, n, 30_000);
    expect(after.map((p) => p.metadata?.name).some((n) => before.includes(n))).toBe(false);
  });

  it('history lists the revisions and rollback returns to an earlier one', async () => {
    const before = await replicas('backend');
    const history = expectOk(
      await runTool<{ revisions: Array<{ revision: number; status: string }> }>(
        historyTool,
        {},
        deps(),
      ),
    );
    expect(history.revisions.map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(history.revisions.at(-1)?.status).toBe('deployed');
    const rolled = expectOk(await runTool(rollbackTool, { revision: 2 }, deps()));
    expect(rolled).toMatchObject({ from: 3, to: 2, revision: 4 });
    // Revision 2 had one more backend replica than the chart's default.
    expect(await replicas('backend')).toBe(before + 1);
    await waitForReadyPods(cluster, backend, before + 1, 30_000);
    const bad = await runTool(rollbackTool, { revision: 99 }, deps());
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
  });

  it('teardown uninstalls the release; a second teardown says it was not installed', async () => {
    const data = expectOk(await runTool(teardownTool, {}, deps()));
    expect(data).toMatchObject({ uninstalled: true });
    expect(await deps().helm.status('todo-app')).toBeUndefined();
    const again = await runTool(teardownTool, {}, deps());
    expect(again.ok && again.summary).toContain('was not installed');
  });
});
