/** Each everyday tool against the real test cluster and real helm. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
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
import { helmPath } from '../support/kube-tools.js';
import { createRecordingBin } from '../support/recording-bin.js';
import { APP_CHART, clusterDeps, expectOk, runTool, TEST_SECRETS } from './tools-harness.js';

const MINIKUBE_RUNNING =
  '{"Name":"minikube","Host":"Running","Kubelet":"Running","APIServer":"Running","Kubeconfig":"Configured","Worker":false}';

describeWithEnv('ops tools on the test cluster', clusterMissing(), () => {
  const cluster = useTestNamespace('tools');
  // Docker and Minikube cannot run here: recording executables stand in for them.
  const bin = createRecordingBin(['docker', 'minikube']);
  afterAll(() => bin.cleanup());
  const withRecordedBins = () => ({
    helmBin: helmPath(),
    dockerBin: join(bin.dir, 'docker'),
    minikubeBin: join(bin.dir, 'minikube'),
  });
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

  it('deploy --build builds content-tagged images into Minikube and deploys those tags', async () => {
    const root = mkdtempSync(join(tmpdir(), 'todo-ops-src-'));
    mkdirSync(join(root, 'docker'));
    for (const c of ['backend', 'frontend']) {
      mkdirSync(join(root, 'app', c), { recursive: true });
      writeFileSync(join(root, 'docker', `${c}.Dockerfile`), 'FROM node:24-slim\n');
      writeFileSync(join(root, 'app', c, 'index.ts'), `export const name = '${c}';\n`);
    }
    bin.respond('minikube', [
      { prefix: ['status'], stdout: MINIKUBE_RUNNING },
      {
        prefix: ['docker-env'],
        stdout: 'DOCKER_HOST=tcp://192.168.49.2:2376\nDOCKER_TLS_VERIFY=1\n',
      },
    ]);
    bin.respond('docker', [
      { prefix: ['version'], stdout: '28.3.2' },
      { prefix: ['image', 'inspect'], exitCode: 1, stderr: 'Error: No such image' },
    ]);
    const d = clusterDeps(cluster, { chartPath: APP_CHART, rootDir: root }, {}, withRecordedBins());
    const data = expectOk(
      await runTool<{ images: Array<{ component: string; tag: string }> }>(
        deployTool,
        { build: true },
        d,
      ),
    );
    const tags = Object.fromEntries(data.images.map((i) => [i.component, i.tag]));
    expect(tags.backend).toMatch(/^[0-9a-f]{12}$/);
    const builds = bin.calls('docker').filter((c) => c.argv[0] === 'build');
    expect(builds.map((c) => c.argv[4])).toEqual([
      `todo-backend:${tags.backend}`,
      `todo-frontend:${tags.frontend}`,
    ]);
    expect(builds.every((c) => c.env.DOCKER_HOST === 'tcp://192.168.49.2:2376')).toBe(true);
    const [pod] = await listPods(cluster, backend);
    expect(pod?.spec?.containers[0]?.image).toBe(`todo-backend:${tags.backend}`);
    rmSync(root, { recursive: true, force: true });
  });

  it('teardown uninstalls the release, removes its images and stops Minikube when asked', async () => {
    const values = await deps().helm.getValues('todo-app', true);
    const tag = (values.backend as { image: { tag: string } }).image.tag;
    const data = expectOk(
      await runTool(
        teardownTool,
        { removeImages: true, stopMinikube: true },
        clusterDeps(cluster, { chartPath: APP_CHART }, {}, withRecordedBins()),
      ),
    );
    expect(data).toMatchObject({ uninstalled: true, minikubeStopped: true });
    const minikube = bin.calls('minikube').map((c) => c.argv.join(' '));
    expect(minikube).toContain(`image rm todo-backend:${tag} --profile minikube`);
    expect(minikube).toContain('stop --profile minikube');
  });

  it('teardown of a release that is gone says it was not installed', async () => {
    expect(await deps().helm.status('todo-app')).toBeUndefined();
    const again = await runTool(teardownTool, {}, deps());
    expect(again.ok && again.summary).toContain('was not installed');
  });
});
