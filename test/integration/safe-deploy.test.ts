/**
 * Safe changes on the real node, where pods really run: `todo-ops deploy` proves the app
 * after the rollout (a throwaway user that is gone afterwards), stops waiting as soon as a
 * cause cannot clear by itself, and rolls a broken change back by itself (a tag that does
 * not exist, a wrong database password) with every pod Ready again and the old revision
 * live. On the kwok nodes: a first install that cannot succeed fails fast and keeps the
 * release and its evidence.
 *
 * One install serves the real-node cases; phase timings are printed with [safe-deploy].
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readAudit } from '../../tools/audit-log.js';
import { createKubeClient } from '../../tools/platform/kube.js';
import type { SafeChange } from '../../tools/safe-change.js';
import { buildCli, type CliBuild } from '../support/cli-build.js';
import { clusterMissing, isPodReady, listPods, useTestNamespace } from '../support/cluster.js';
import { describeWithEnv } from '../support/env.js';
import { helmPath } from '../support/kube-tools.js';
import {
  loadNodeImages,
  type NodeImages,
  realNodeMissing,
  realNodeValues,
  writeValues,
} from '../support/real-node.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CHART = join(root, 'charts/todo-app');
const RELEASE = 'todo-app';
const SECRETS = {
  JWT_SECRET: 'safe-deploy-jwt-secret-0123456789abcdef',
  OPENAI_API_KEY: 'sk-safe-deploy-unused-0123456789',
  POSTGRES_PASSWORD: 'safe-deploy-db-password-0123',
};
const figure = (text: string) => process.stdout.write(`[safe-deploy] ${text}\n`);
const component = (pod: V1Pod) => pod.metadata?.labels?.['app.kubernetes.io/component'] ?? '?';

interface HistoryRow {
  revision: number;
  asked?: { door: string; tool: string };
}

interface DeployJson {
  ok: boolean;
  summary?: string;
  error?: { kind: string; message: string; hint: string };
  data?: { revision: number; change: SafeChange };
  plan?: {
    digest: string;
    objects: { kind: string; name: string; action: string; fields: { path: string }[] }[];
  };
}

/** `todo-ops` as users run it, in its own process; returns the exit code and the JSON result. */
function cliRunner(bin: () => string, env: () => Record<string, string | undefined>) {
  return (...args: string[]) =>
    new Promise<{ code: number; json: DeployJson; err: string }>((resolve) => {
      execFile(
        process.execPath,
        [bin(), ...args],
        { env: env(), cwd: root, maxBuffer: 16 * 1024 * 1024, timeout: 600_000 },
        (error, stdout, stderr) => {
          let json = { ok: false } as DeployJson;
          try {
            json = JSON.parse(stdout) as DeployJson;
          } catch {
            // not JSON: the assertions show stderr
          }
          resolve({
            code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
            json,
            err: stderr,
          });
        },
      );
    });
}

let build: CliBuild | undefined;
const bin = () => {
  build ??= buildCli();
  return build.bin;
};
afterAll(() => build?.remove());

describeWithEnv('safe deploys on the real node', realNodeMissing(), () => {
  const cluster = useTestNamespace('safe');
  let images: NodeImages;
  let dir: string;
  let valuesFile: string;
  const env = (extra: Record<string, string> = {}) => ({
    KUBECONFIG: cluster.kubeconfigPath,
    TODO_OPS_HELM: helmPath(),
    TODO_OPS_CHART: CHART,
    TODO_OPS_VALUES: valuesFile,
    TODO_OPS_HELM_TIMEOUT: '240',
    TODO_OPS_AUDIT_LOG: join(dir, 'audit.jsonl'),
    PATH: process.env.PATH,
    ...SECRETS,
    ...extra,
  });
  let extraEnv: Record<string, string> = {};
  const cli = cliRunner(bin, () => env(extraEnv));
  const deploy = (...args: string[]) =>
    cli('--namespace', cluster.namespace, 'deploy', '--yes', '--json', ...args);
  const releasePods = () => listPods(cluster, `app.kubernetes.io/instance=${RELEASE}`);
  /** Every pod of the release Ready, on the images of the first install. */
  const expectHealthyOriginal = async () => {
    const pods = await releasePods();
    expect(pods.map(component).sort()).toEqual([
      'backend',
      'backend',
      'database',
      'frontend',
      'frontend',
    ]);
    for (const pod of pods) expect(isPodReady(pod), pod.metadata?.name).toBe(true);
    for (const pod of pods.filter((p) => component(p) === 'backend'))
      expect(pod.spec?.containers[0]?.image).toBe(
        `${images.backend.repository}:${images.backend.tag}`,
      );
  };
  const timings = (change: SafeChange) =>
    Object.entries(change.timings)
      .map(([phase, ms]) => `${phase.replace(/Ms$/, '')} ${(ms / 1000).toFixed(1)} s`)
      .join(', ');

  beforeAll(async () => {
    bin();
    images = await loadNodeImages();
    dir = mkdtempSync(join(tmpdir(), 'todo-ops-safe-deploy-'));
    valuesFile = writeValues(dir, 'real-node', realNodeValues(images));
  }, 40 * 60_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('proves a good deploy and keeps it; the throwaway user is gone afterwards', async () => {
    const { code, json, err } = await deploy();
    expect(code, `${JSON.stringify(json.error)}\n${err}`).toBe(0);
    const change = json.data?.change as SafeChange;
    figure(`first install: ${timings(change)}`);
    expect(change).toMatchObject({
      outcome: 'kept',
      previousRevision: null,
      appliedRevision: 1,
      liveRevision: 1,
      rollout: { outcome: 'ready' },
      proofSkipped: false,
      rollback: null,
    });
    expect(json.summary).toContain('proven');
    const steps = change.proof?.steps ?? [];
    expect(steps.map((s) => s.step)).toEqual([
      'health',
      'sign up',
      'sign in',
      'create task',
      'list tasks',
      'delete task',
      'remove throwaway user',
    ]);
    for (const step of steps) expect(step.ok, `${step.step}: ${step.detail}`).toBe(true);
    expect(change.proof?.url).toMatch(/^port-forward to pod todo-app-backend-/);
    // The throwaway user is gone: its address can be signed up again.
    const email = steps.at(-1)?.detail.match(/removed (\S+@example\.com)/)?.[1];
    expect(email).toMatch(/^todo-ops-proof-/);
    const kube = createKubeClient({ kubeconfig: cluster.kubeconfigPath });
    const backend = (await releasePods()).find((p) => component(p) === 'backend' && isPodReady(p));
    const forward = await kube.portForward(cluster.namespace, backend?.metadata?.name ?? '', 8000);
    try {
      const call = (path: string, body: unknown, token?: string, method = 'POST') =>
        fetch(`http://127.0.0.1:${forward.localPort}${path}`, {
          method,
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(20_000),
        });
      const signin = await call('/api/auth/signin', { email, password: 'any-password-123' });
      expect(signin.status).toBe(401);
      const again = await call('/api/auth/signup', {
        email,
        password: 'a-new-password-123',
        name: 'again',
      });
      expect(again.status).toBe(201);
      const { token } = (await again.json()) as { token: string };
      const removed = await fetch(`http://127.0.0.1:${forward.localPort}/api/auth/me`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(removed.status).toBeLessThan(300);
    } finally {
      await forward.close();
    }
    await expectHealthyOriginal();
  });

  it('stops waiting on a tag that does not exist (ImagePull) and rolls back by itself', async () => {
    const { code, json } = await deploy('--set', 'backend.image.tag=does-not-exist');
    expect(code).not.toBe(0);
    const change = json.data?.change as SafeChange;
    figure(`nonexistent tag: ${timings(change)}`);
    expect(json.error?.kind).toBe('failed');
    expect(change.rollout.outcome).toBe('stuck');
    expect(change.findings[0]?.class).toBe('ImagePull');
    expect(change.findings[0]?.title).toContain('does-not-exist');
    expect(change).toMatchObject({
      outcome: 'rolled-back',
      previousRevision: 1,
      appliedRevision: 2,
      liveRevision: 3,
      proof: null,
      rollback: { to: 1, ok: true },
    });
    expect(json.error?.message).toContain('ImagePull');
    // The plan it ran under named the backend's image and nothing else.
    expect(
      json.plan?.objects.map((o) => [o.kind, o.name, o.action, o.fields.map((f) => f.path)]),
    ).toEqual([
      ['Deployment', 'todo-app-backend', 'update', ['spec.template.spec.containers[0].image']],
    ]);
    expect(json.error?.message).toContain('revision 3 is live');
    await expectHealthyOriginal();
  });

  it('rolls back a wrong database password by itself and names the cause', async () => {
    extraEnv = { POSTGRES_PASSWORD: 'not-the-database-password' };
    try {
      const { code, json } = await deploy();
      expect(code).not.toBe(0);
      const change = json.data?.change as SafeChange;
      figure(`wrong database password: ${timings(change)}`);
      expect(change).toMatchObject({
        outcome: 'rolled-back',
        previousRevision: 3,
        appliedRevision: 4,
        liveRevision: 5,
        rollback: { to: 3, ok: true },
      });
      const evidence = change.findings.flatMap((f) => [f.title, ...f.evidence]).join('\n');
      expect(evidence).toMatch(/password authentication failed/);
      expect(json.error?.message).toMatch(/DatabaseUnreachable|CrashLoopBackOff/);
      expect(json.error?.message).not.toContain('not-the-database-password');
      // The plan shows that the Secret's password changes, never the value.
      expect(json.plan?.objects.map((o) => `${o.kind} ${o.name}`)).toContain('Secret todo-app');
      expect(JSON.stringify(json.plan)).not.toContain('not-the-database-password');
    } finally {
      extraEnv = {};
    }
    await expectHealthyOriginal();
    // The audit log has both lines: todo-ops undoing the deploy (written while the deploy
    // ran), then the deploy that failed.
    const lines = readAudit(join(dir, 'audit.jsonl'));
    expect(lines.at(-1)).toMatchObject({
      door: 'cli',
      origin: 'user',
      tool: 'deploy',
      revisionBefore: 3,
      revisionAfter: 5,
      outcome: 'failed',
    });
    expect(lines.at(-2)).toMatchObject({
      door: 'auto',
      origin: 'todo-ops',
      tool: 'rollback',
      args: { revision: 3 },
      revisionBefore: 4,
      revisionAfter: 5,
      outcome: 'ok',
    });
    expect(JSON.stringify(lines)).not.toContain('not-the-database-password');
    // The live revision restores the first install's values, and history says who made it.
    const status = await cli('--namespace', cluster.namespace, 'history', '--json');
    expect(JSON.stringify(status.json)).toContain('Rollback to 3');
    const revisions = (status.json.data as unknown as { revisions: HistoryRow[] }).revisions;
    expect(revisions.find((r) => r.revision === 4)?.asked).toMatchObject({
      door: 'cli',
      tool: 'deploy',
    });
    expect(revisions.find((r) => r.revision === 5)?.asked).toMatchObject({
      door: 'auto',
      tool: 'rollback',
    });
  });
});

describeWithEnv('a first install that cannot succeed', clusterMissing(), () => {
  const cluster = useTestNamespace('doomed');
  const cli = cliRunner(bin, () => ({
    KUBECONFIG: cluster.kubeconfigPath,
    TODO_OPS_HELM: helmPath(),
    TODO_OPS_CHART: CHART,
    TODO_OPS_HELM_TIMEOUT: '240',
    PATH: process.env.PATH,
    ...SECRETS,
  }));

  it('fails fast on a claim whose StorageClass does not exist and keeps the release and its evidence', async () => {
    const { code, json, err } = await cli(
      '--namespace',
      cluster.namespace,
      'deploy',
      '--yes',
      '--json',
      '--set',
      'postgresql.persistence.storageClass=does-not-exist',
    );
    expect(code, err).not.toBe(0);
    const change = json.data?.change as SafeChange;
    figure(`first install, missing StorageClass: ${timings(change)}`);
    expect(change).toMatchObject({
      outcome: 'kept-failed',
      previousRevision: null,
      appliedRevision: 1,
      rollout: { outcome: 'stuck' },
      rollback: null,
    });
    const pending = change.findings.find((f) => f.class === 'Pending');
    expect(pending?.title).toContain('PersistentVolumeClaim');
    expect(json.error?.message).toContain('first install');
    expect(json.error?.hint).toContain('todo-ops teardown');
    // The release and its evidence are still there for `todo-ops diagnose`.
    const diagnose = await cli('--namespace', cluster.namespace, 'diagnose', '--json');
    const findings = (diagnose.json.data as unknown as { findings: Array<{ class: string }> })
      .findings;
    expect(findings.map((f) => f.class)).toContain('Pending');
    const claims = await cluster.core.listNamespacedPersistentVolumeClaim({
      namespace: cluster.namespace,
    });
    expect(claims.items.map((c) => c.spec?.storageClassName)).toContain('does-not-exist');
  });

  function timings(change: SafeChange) {
    return Object.entries(change.timings)
      .map(([phase, ms]) => `${phase.replace(/Ms$/, '')} ${(ms / 1000).toFixed(1)} s`)
      .join(', ');
  }
});
