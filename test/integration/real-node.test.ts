/**
 * The todo app's whole life on the real node, where pods really run: `todo-ops deploy`
 * with the locally built images, `verify` end to end through a port-forward (including a
 * chat turn through a scripted model the pods call), logs, MCP over stdio, scaling under
 * load with zero failed requests, persistence across pod deletion, real faults named by
 * `diagnose`, and a bad upgrade undone by `rollback`.
 *
 * Figures (deploy to Ready, load counts) are printed with the prefix [real-node].
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BatchV1Api, type V1Pod } from '@kubernetes/client-node';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKubeClient } from '../../tools/platform/kube.js';
import { VERIFY_CHAT_TASK } from '../../tools/verify.js';
import { buildCli, type CliBuild } from '../support/cli-build.js';
import {
  isPodReady,
  listPods,
  type TestCluster,
  useTestNamespace,
  waitFor,
} from '../support/cluster.js';
import { describeWithEnv } from '../support/env.js';
import { type FakeOpenAI, type RecordedRequest, startFakeOpenAI } from '../support/fake-openai.js';
import { helmPath } from '../support/kube-tools.js';
import {
  loadNodeImages,
  type NodeImages,
  onRealNode,
  REAL_NODE,
  REAL_NODE_HOST,
  realNodeMissing,
  realNodeValues,
  writeValues,
} from '../support/real-node.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const CHART = join(root, 'charts/todo-app');
const RELEASE = 'todo-app';
const SECRETS = {
  JWT_SECRET: 'real-node-jwt-secret-0123456789abcdef',
  OPENAI_API_KEY: 'sk-real-node-app-key-0123456789',
  POSTGRES_PASSWORD: 'real-node-db-password-0123',
};
const figure = (text: string) => process.stdout.write(`[real-node] ${text}\n`);
const component = (pod: V1Pod) => pod.metadata?.labels?.['app.kubernetes.io/component'] ?? '?';
const restarts = (pod: V1Pod) =>
  (pod.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);

/**
 * The model the backend's chat calls: adds a task when asked to add one titled "...",
 * answers in words after a tool result, and says what it got otherwise.
 */
function taskModel(request: RecordedRequest) {
  const messages = request.body.messages ?? [];
  const last = messages.at(-1);
  if (last?.role === 'tool') return { content: 'Done: the task is on your list.' };
  const text = typeof last?.content === 'string' ? last.content : '';
  const title = text.match(/add a task titled "([^"]+)"/i)?.[1];
  if (title) return { toolCalls: [{ name: 'add_task', arguments: { title } }] };
  return { content: `You said: ${text.slice(0, 80)}` };
}

/** A JSON call to the app's API through a local port. */
async function api(
  port: number,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> & Array<Record<string, unknown>> }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

describeWithEnv('the todo app on the real node', realNodeMissing(), () => {
  const cluster = useTestNamespace('real');
  let images: NodeImages;
  let model: FakeOpenAI;
  let dir: string;
  let valuesFile: string;
  let deployedAt = 0;
  const env = (extra: Record<string, string> = {}) => ({
    KUBECONFIG: cluster.kubeconfigPath,
    TODO_OPS_HELM: helmPath(),
    TODO_OPS_CHART: CHART,
    TODO_OPS_VALUES: valuesFile,
    TODO_OPS_HELM_TIMEOUT: '300',
    PATH: process.env.PATH,
    ...SECRETS,
    ...extra,
  });
  /** `todo-ops` as users run it: a fresh build of the command, in its own process. */
  let build: CliBuild;
  let BIN = '';
  const cli = (...args: string[]) =>
    new Promise<{ code: number; out: string; err: string }>((resolve) => {
      execFile(
        process.execPath,
        [BIN, '--namespace', cluster.namespace, ...args],
        { env: env(), cwd: root, maxBuffer: 16 * 1024 * 1024, timeout: 600_000 },
        (error, stdout, stderr) =>
          resolve({
            code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
            out: stdout,
            err: stderr,
          }),
      );
    });
  const helm = (...args: string[]) =>
    run(helmPath(), [...args, '--kube-context', cluster.context], {
      env: { ...process.env, KUBECONFIG: cluster.kubeconfigPath },
      maxBuffer: 16 * 1024 * 1024,
    });
  const releasePods = async (release = RELEASE, c: TestCluster = cluster) =>
    listPods(c, `app.kubernetes.io/instance=${release}`);
  const waitAllReady = (count: number, timeoutMs = 180_000) =>
    waitFor(
      async () => {
        const pods = await releasePods();
        return pods.length === count && pods.every(isPodReady) ? pods : false;
      },
      { timeoutMs, intervalMs: 1000, what: `${count} ready pods of ${RELEASE}` },
    );
  /** A port-forward to a ready backend pod, through the product's own kube adapter. */
  const forwardBackend = async () => {
    const kube = createKubeClient({ kubeconfig: cluster.kubeconfigPath });
    const pod = (await releasePods()).find((p) => component(p) === 'backend' && isPodReady(p));
    if (!pod?.metadata?.name) throw new Error('no ready backend pod');
    return kube.portForward(cluster.namespace, pod.metadata.name, 8000);
  };

  beforeAll(async () => {
    build = buildCli();
    BIN = build.bin;
    images = await loadNodeImages();
    model = await startFakeOpenAI({ host: REAL_NODE_HOST, apiKey: SECRETS.OPENAI_API_KEY });
    model.push(...Array.from({ length: 200 }, () => taskModel));
    dir = mkdtempSync(join(tmpdir(), 'todo-ops-real-node-'));
    valuesFile = writeValues(dir, 'real-node', realNodeValues(images, model.baseURL));
  }, 40 * 60_000);
  afterAll(async () => {
    build?.remove();
    await model?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('deploys with `todo-ops deploy --yes`: every pod Running and Ready on the real node', async () => {
    const started = Date.now();
    const deploy = await cli('deploy', '--yes');
    expect(deploy.code, `${deploy.out}\n${deploy.err}`).toBe(0);
    deployedAt = Date.now();
    figure(`deploy to all Ready: ${((deployedAt - started) / 1000).toFixed(1)} s`);
    expect(deploy.out).toContain(`installed ${RELEASE} revision 1`);
    const pods = await releasePods();
    expect(pods.map(component).sort()).toEqual([
      'backend',
      'backend',
      'database',
      'frontend',
      'frontend',
    ]);
    for (const pod of pods) {
      expect(pod.spec?.nodeName).toBe(REAL_NODE);
      expect(isPodReady(pod), pod.metadata?.name).toBe(true);
      for (const c of pod.status?.containerStatuses ?? []) {
        expect(c.containerID).toMatch(/^containerd:\/\//);
        expect(c.ready).toBe(true);
      }
      expect(pod.status?.podIP).toMatch(/^10\.244\.0\./);
    }
  });

  it('passes `todo-ops verify` through a port-forward: health, accounts, tasks, chat and its history, UI', async () => {
    const before = model.requests.length;
    // verify writes (a throwaway user): a script approves it with --yes.
    const verify = await cli('verify', '--yes', '--json');
    expect(verify.code, `${verify.out}\n${verify.err}`).toBe(0);
    const result = JSON.parse(verify.out) as {
      ok: boolean;
      data: { url: string; steps: Array<{ step: string; ok: boolean; detail: string }> };
    };
    expect(result.data.url).toMatch(/^port-forward to pod todo-app-backend-/);
    const steps = Object.fromEntries(result.data.steps.map((s) => [s.step, s]));
    for (const name of [
      'health',
      'sign up',
      'sign in',
      'create task',
      'list tasks',
      'update task',
      'complete task',
      'chat',
      'chat history',
      'ui',
      'delete task',
      'remove throwaway user',
    ]) {
      expect(steps[name]?.ok, `${name}: ${steps[name]?.detail}`).toBe(true);
    }
    expect(steps.health?.detail).toBe('status healthy, database connected');
    expect(steps.chat?.detail).toContain('tools: add_task');
    expect(steps['chat history']?.detail).toMatch(/^[2-9] messages stored/);
    // The pods called the scripted model with the key from the release's Secret.
    const calls = model.requests.slice(before);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${SECRETS.OPENAI_API_KEY}`);
    expect(calls[0]?.rawBody).toContain(VERIFY_CHAT_TASK);
  });

  it('shows the backend container’s real log lines with `todo-ops logs backend`', async () => {
    const logs = await cli('logs', 'backend', '--tail', '200');
    expect(logs.code, logs.err).toBe(0);
    // Fastify's own start-up line and the requests verify made, as the container wrote them.
    expect(logs.out).toMatch(/Server listening at http:\/\/[0-9.]+:8000/);
    expect(logs.out).toContain('/api/auth/signin');
  });

  it('serves MCP over stdio: status, scale and logs reflect the real pods', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, '--kubeconfig', cluster.kubeconfigPath, '--namespace', cluster.namespace, 'mcp'],
      env: env() as Record<string, string>,
      cwd: root,
      stderr: 'pipe',
    });
    // An IDE that asks its user before each change (MCP elicitation); here the user says yes.
    const client = new Client(
      { name: 'real-node-test', version: '0' },
      { capabilities: { elicitation: { form: {} } } },
    );
    const asked: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(request.params.message);
      return { action: 'accept', content: { confirm: true } };
    });
    await client.connect(transport);
    try {
      const status = await client.callTool({ name: 'status', arguments: {} });
      const pods = (
        status.structuredContent as { data: { pods: Array<{ name: string; status: string }> } }
      ).data.pods;
      const live = await releasePods();
      expect(pods.map((p) => p.name).sort()).toEqual(
        live.map((p) => p.metadata?.name ?? '').sort(),
      );
      expect(pods.every((p) => p.status === 'Running')).toBe(true);
      const scale = await client.callTool({
        name: 'scale',
        arguments: { component: 'frontend', replicas: 1 },
      });
      expect(scale.isError, JSON.stringify(scale.content)).toBeFalsy();
      expect(asked.join('\n')).toContain('scale frontend');
      await waitFor(
        async () => (await releasePods()).filter((p) => component(p) === 'frontend').length === 1,
        { timeoutMs: 90_000, what: 'frontend at 1 pod' },
      );
      const logs = await client.callTool({ name: 'logs', arguments: { component: 'backend' } });
      const text = JSON.stringify(logs.content);
      expect(text).toMatch(/Server listening at http:/);
      expect(text).not.toContain(SECRETS.JWT_SECRET);
    } finally {
      await client.close();
    }
  });

  it('scales the backend 2 -> 3 -> 1 under load from inside the cluster with zero failed requests', async () => {
    // The load stops when the test says so (or at its own time and count limits).
    let stop = false;
    const control: Server = createServer((_req, res) => res.end(stop ? 'stop' : 'go'));
    await new Promise<void>((resolve) => control.listen(0, REAL_NODE_HOST, resolve));
    const controlPort = (control.address() as { port: number }).port;
    const script = `
const target = process.env.TARGET, control = process.env.CONTROL;
const limit = Number(process.env.MAX_REQUESTS), deadline = Date.now() + Number(process.env.MAX_SECONDS) * 1000;
let sent = 0, ok = 0, failed = 0, stopped = false; const errors = {};
const count = (k) => { failed++; errors[k] = (errors[k] || 0) + 1; };
const poll = setInterval(async () => {
  try { stopped = (await (await fetch(control)).text()) === 'stop'; } catch {}
}, 500);
async function worker() {
  while (!stopped && sent < limit && Date.now() < deadline) {
    sent++;
    try {
      const res = await fetch(target, { signal: AbortSignal.timeout(5000) });
      await res.text();
      if (res.ok) ok++; else count('HTTP ' + res.status);
    } catch (e) { count(e.cause?.code || e.name); }
    await new Promise((r) => setTimeout(r, 10));
  }
}
console.log('load started');
await Promise.all([worker(), worker(), worker(), worker()]);
clearInterval(poll);
console.log(JSON.stringify({ sent, ok, failed, errors, stopped }));
`;
    const batch = cluster.kc.makeApiClient(BatchV1Api);
    const name = 'load';
    await batch.createNamespacedJob({
      namespace: cluster.namespace,
      body: {
        metadata: { name },
        spec: {
          backoffLimit: 0,
          activeDeadlineSeconds: 300,
          template: {
            metadata: { labels: { 'todo-ops.test/load': 'true' } },
            spec: {
              ...onRealNode,
              restartPolicy: 'Never',
              securityContext: { runAsUser: 1000, runAsGroup: 1000 },
              containers: [
                {
                  name: 'load',
                  image: `${images.backend.repository}:${images.backend.tag}`,
                  imagePullPolicy: 'IfNotPresent',
                  command: ['node', '--input-type=module', '-e', script],
                  env: [
                    { name: 'TARGET', value: `http://${RELEASE}-backend:8000/health` },
                    { name: 'CONTROL', value: `http://${REAL_NODE_HOST}:${controlPort}/` },
                    { name: 'MAX_REQUESTS', value: '50000' },
                    { name: 'MAX_SECONDS', value: '240' },
                  ],
                },
              ],
            },
          },
        },
      },
    });
    const loadPod = async () =>
      (
        await cluster.core.listNamespacedPod({
          namespace: cluster.namespace,
          labelSelector: 'todo-ops.test/load=true',
        })
      ).items[0];
    const podLog = async () => {
      const pod = await loadPod();
      if (!pod?.metadata?.name) return '';
      return cluster.core
        .readNamespacedPodLog({ namespace: cluster.namespace, name: pod.metadata.name })
        .catch(() => '');
    };
    try {
      await waitFor(async () => (await podLog()).includes('load started'), {
        timeoutMs: 90_000,
        intervalMs: 500,
        what: 'the load pod to start',
      });
      const t0 = Date.now();
      const up = await cli('scale', 'backend', '3', '--yes');
      expect(up.code, up.err).toBe(0);
      figure(`scale backend 2 -> 3 to all Ready: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const down = await cli('scale', 'backend', '1', '--yes');
      expect(down.code, down.err).toBe(0);
      // Let the removed pods finish terminating while the load still runs.
      await waitFor(
        async () => (await releasePods()).filter((p) => component(p) === 'backend').length === 1,
        { timeoutMs: 120_000, intervalMs: 1000, what: 'backend at 1 pod' },
      );
      await new Promise((resolve) => setTimeout(resolve, 3000));
      stop = true;
      const line = await waitFor(
        async () => (await podLog()).split('\n').find((l) => l.startsWith('{"sent"')),
        { timeoutMs: 60_000, intervalMs: 500, what: 'the load result' },
      );
      const result = JSON.parse(line) as {
        sent: number;
        ok: number;
        failed: number;
        errors: Record<string, number>;
        stopped: boolean;
      };
      figure(
        `load during scale 2 -> 3 -> 1: ${result.sent} requests, ${result.ok} ok, ${result.failed} failed ${JSON.stringify(result.errors)}`,
      );
      // The load ran through both changes: stopped by the test, not by its own limits.
      expect(result.stopped).toBe(true);
      expect(result.ok).toBeGreaterThan(100);
      expect(result.failed).toBe(0);
    } finally {
      stop = true;
      control.close();
      await batch
        .deleteNamespacedJob({
          namespace: cluster.namespace,
          name,
          propagationPolicy: 'Background',
        })
        .catch(() => undefined);
    }
  });

  it('has restarted no container three minutes after the deploy', async () => {
    const wait = deployedAt + 180_000 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const pods = await releasePods();
    expect(pods.length).toBeGreaterThan(0);
    for (const pod of pods) expect(restarts(pod), pod.metadata?.name).toBe(0);
    figure(
      `restarts ${Math.round((Date.now() - deployedAt) / 1000)} s after deploy: 0 in ${pods.length} pods`,
    );
  }, 240_000);

  it('keeps tasks and conversations when the backend and PostgreSQL pods are deleted', async () => {
    let forward = await forwardBackend();
    const email = `persist-${Date.now()}@example.com`;
    const password = 'persist-password-123';
    let userId = '';
    let conversationId = '';
    try {
      const signup = await api(forward.localPort, 'POST', '/api/auth/signup', {
        email,
        password,
        name: 'persist',
      });
      expect(signup.status).toBe(201);
      const token = String(signup.body.token);
      userId = String((signup.body.user as { id: number }).id);
      const task = await api(
        forward.localPort,
        'POST',
        `/api/${userId}/tasks`,
        { title: 'survives restarts' },
        token,
      );
      expect(task.status).toBe(201);
      const chat = await api(
        forward.localPort,
        'POST',
        `/api/${userId}/chat`,
        { message: 'Please add a task titled "added through chat"' },
        token,
      );
      expect(chat.status, JSON.stringify(chat.body)).toBe(200);
      conversationId = String(chat.body.conversation_id);
    } finally {
      await forward.close();
    }
    const gone = (await releasePods()).filter((p) =>
      ['backend', 'database'].includes(component(p)),
    );
    const oldUids = new Set(gone.map((p) => p.metadata?.uid));
    await Promise.all(
      gone.map((p) =>
        cluster.core.deleteNamespacedPod({
          namespace: cluster.namespace,
          name: p.metadata?.name ?? '',
        }),
      ),
    );
    await waitFor(
      async () => {
        const pods = await releasePods();
        const fresh = pods.filter((p) => ['backend', 'database'].includes(component(p)));
        return (
          fresh.length === gone.length &&
          fresh.every((p) => !oldUids.has(p.metadata?.uid) && isPodReady(p))
        );
      },
      { timeoutMs: 180_000, intervalMs: 1000, what: 'new backend and database pods Ready' },
    );
    forward = await forwardBackend();
    try {
      const signin = await api(forward.localPort, 'POST', '/api/auth/signin', { email, password });
      expect(signin.status).toBe(200);
      const token = String(signin.body.token);
      const tasks = await api(
        forward.localPort,
        'GET',
        `/api/${userId}/tasks?status=all`,
        undefined,
        token,
      );
      expect(tasks.body.map((t) => t.title).sort()).toEqual([
        'added through chat',
        'survives restarts',
      ]);
      const messages = await api(
        forward.localPort,
        'GET',
        `/api/${userId}/conversations/${conversationId}/messages`,
        undefined,
        token,
      );
      expect(messages.body.map((m) => m.role)).toEqual(['user', 'assistant']);
    } finally {
      await forward.close();
    }
  });

  it('undoes a bad upgrade (an image tag the node does not have) with `todo-ops rollback --yes`', async () => {
    const before = (await releasePods()).length;
    await helm(
      'upgrade',
      RELEASE,
      CHART,
      '--namespace',
      cluster.namespace,
      '--reuse-values',
      '--set-string',
      'backend.image.tag=does-not-exist',
    );
    await waitFor(
      async () =>
        (await releasePods()).some((p) =>
          (p.status?.containerStatuses ?? []).some((c) =>
            /ErrImagePull|ImagePullBackOff/.test(c.state?.waiting?.reason ?? ''),
          ),
        ),
      { timeoutMs: 120_000, intervalMs: 1000, what: 'a backend pod failing to pull its image' },
    );
    const rollback = await cli('rollback', '--yes');
    expect(rollback.code, `${rollback.out}\n${rollback.err}`).toBe(0);
    const pods = await waitAllReady(before);
    for (const pod of pods.filter((p) => component(p) === 'backend')) {
      expect(pod.spec?.containers[0]?.image).toBe(
        `${images.backend.repository}:${images.backend.tag}`,
      );
    }
  });

  it('names real faults with `todo-ops diagnose`: wrong database password, missing image, OOMKilled, CPU no node has', async () => {
    const databaseUrl = (password: string) =>
      `postgresql://todo:${password}@${RELEASE}-postgresql.${cluster.namespace}.svc.cluster.local:5432/todo`;
    const faults = {
      'fault-password': { backend: {} },
      'fault-image': { backend: { image: { ...images.backend, tag: 'does-not-exist' } } },
      'fault-oom': {
        backend: {
          resources: { requests: { cpu: '50m', memory: '24Mi' }, limits: { memory: '24Mi' } },
        },
      },
      'fault-cpu': {
        backend: { resources: { requests: { cpu: '64', memory: '128Mi' }, limits: { cpu: '64' } } },
      },
    } as const;
    const expected: Record<keyof typeof faults, { class: string; evidence: RegExp }> = {
      'fault-password': {
        class: 'DatabaseUnreachable',
        evidence: /password authentication failed/,
      },
      'fault-image': { class: 'ImagePull', evidence: /does-not-exist/ },
      'fault-oom': { class: 'OOMKilled', evidence: /OOMKilled/ },
      'fault-cpu': { class: 'Pending', evidence: /Insufficient cpu/ },
    };
    await Promise.all(
      Object.entries(faults).map(([release, extra]) => {
        const values = realNodeValues(images, model.baseURL, {
          ...extra,
          backend: { replicas: 1, ...extra.backend },
          frontend: { replicas: 0 },
          postgresql: { enabled: false },
        });
        const file = writeValues(dir, release, values);
        return helm(
          'install',
          release,
          CHART,
          '--namespace',
          cluster.namespace,
          '-f',
          file,
          '--set-string',
          `secrets.jwtSecret=${SECRETS.JWT_SECRET}`,
          '--set-string',
          `secrets.openaiApiKey=${SECRETS.OPENAI_API_KEY}`,
          '--set-string',
          `secrets.databaseUrl=${databaseUrl(release === 'fault-password' ? 'not-the-password' : SECRETS.POSTGRES_PASSWORD)}`,
        );
      }),
    );
    for (const [release, want] of Object.entries(expected)) {
      const started = Date.now();
      const finding = await waitFor(
        async () => {
          const diagnose = await cli('diagnose', '--release', release, '--json');
          const parsed = JSON.parse(diagnose.out) as {
            data?: { findings?: Array<{ class: string; evidence: string[]; fix: string }> };
          };
          return parsed.data?.findings?.find(
            (f) => f.class === want.class && want.evidence.test(f.evidence.join('\n')),
          );
        },
        { timeoutMs: 150_000, intervalMs: 3000, what: `${want.class} for ${release}` },
      );
      figure(
        `${release}: ${finding.class} named ${((Date.now() - started) / 1000).toFixed(1)} s after the first look`,
      );
      expect(finding.fix.length).toBeGreaterThan(10);
    }
    for (const release of Object.keys(faults)) {
      await helm('uninstall', release, '--namespace', cluster.namespace, '--wait=false').catch(
        () => undefined,
      );
    }
  });
});
