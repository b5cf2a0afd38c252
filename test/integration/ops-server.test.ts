/**
 * The chart's in-cluster todo-ops server on the test cluster. Its ServiceAccount holds
 * exactly the documented permissions (`kubectl auth can-i --list`, beyond what every
 * account gets), and the server's own code path, run on this machine with the chart's
 * arguments and environment and the ServiceAccount's token, answers status and history
 * from Helm's release records and scales and restarts the app with nothing more.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { V1EnvVar } from '@kubernetes/client-node';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { chartDir } from '../chart/helm-chart.js';
import { canIPermissions, documentedPermissions } from '../chart/ops-permissions.js';
import {
  clusterMissing,
  listPods,
  useTestNamespace,
  waitFor,
  waitForReadyPods,
} from '../support/cluster.js';
import { describeWithEnv } from '../support/env.js';
import { helmPath, kubectlPath } from '../support/kube-tools.js';

const run = promisify(execFile);
const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const TOKEN = `Bearer ops-server-test-${Math.random().toString(36).slice(2)}-0123456789`;
const selector = (component: string) =>
  `app.kubernetes.io/instance=todo-app,app.kubernetes.io/component=${component}`;

describeWithEnv('the in-cluster ops server on the test cluster', clusterMissing(), () => {
  const cluster = useTestNamespace('ops');
  const dir = mkdtempSync(join(tmpdir(), 'todo-ops-ops-server-'));
  let server: ChildProcess | undefined;
  let client: Client | undefined;

  const kubectl = async (...args: string[]) =>
    (
      await run(kubectlPath(), [
        '--kubeconfig',
        cluster.kubeconfigPath,
        '-n',
        cluster.namespace,
        ...args,
      ])
    ).stdout;

  /** A kubeconfig for the ops ServiceAccount: the test cluster's server, the SA's token. */
  async function serviceAccountKubeconfig(): Promise<string> {
    const token = (await kubectl('create', 'token', 'todo-app-ops', '--duration=1h')).trim();
    const current = cluster.kc.getCurrentCluster();
    if (!current) throw new Error('no current cluster in the test kubeconfig');
    const path = join(dir, 'ops-kubeconfig');
    writeFileSync(
      path,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'test',
            cluster: {
              server: current.server,
              ...(current.caData ? { 'certificate-authority-data': current.caData } : {}),
              ...(current.caFile ? { 'certificate-authority': current.caFile } : {}),
              ...(current.skipTLSVerify ? { 'insecure-skip-tls-verify': true } : {}),
            },
          },
        ],
        users: [{ name: 'todo-app-ops', user: { token } }],
        contexts: [{ name: 'todo-app-ops', context: { cluster: 'test', user: 'todo-app-ops' } }],
        'current-context': 'todo-app-ops',
      }),
      { mode: 0o600 },
    );
    return path;
  }

  /** The environment the chart gives the container, resolved as the kubelet would. */
  function containerEnv(env: V1EnvVar[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of env) {
      if (e.value !== undefined) out[e.name] = e.value;
      else if (e.valueFrom?.fieldRef?.fieldPath === 'metadata.namespace')
        out[e.name] = cluster.namespace;
      else if (e.valueFrom?.secretKeyRef?.key === 'TODO_OPS_MCP_TOKEN') out[e.name] = TOKEN;
      else throw new Error(`unexpected env ${e.name} in the ops container`);
    }
    return out;
  }

  beforeAll(async () => {
    await kubectl(
      'create',
      'secret',
      'generic',
      'todo-app-secrets',
      '--from-literal=JWT_SECRET=ops-test-jwt-secret-value',
      '--from-literal=POSTGRES_PASSWORD=ops-test-pg-password',
      '--from-literal=DATABASE_URL=postgresql://todo:ops-test-pg-password@todo-app-postgresql:5432/todo',
      `--from-literal=TODO_OPS_MCP_TOKEN=${TOKEN}`,
    );
    // The chart with its defaults and ops on, its release records in ConfigMaps.
    await run(
      helmPath(),
      [
        'install',
        'todo-app',
        chartDir,
        '--kubeconfig',
        cluster.kubeconfigPath,
        '--namespace',
        cluster.namespace,
        '--set',
        'secrets.existingSecret=todo-app-secrets',
        '--set',
        'ops.enabled=true',
      ],
      { env: { ...process.env, HELM_DRIVER: 'configmap' } },
    );
    await waitForReadyPods(cluster, selector('backend'), 2);
    await waitForReadyPods(cluster, selector('frontend'), 2);
  });

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    if (server?.pid !== undefined && server.exitCode === null) server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds exactly the documented permissions (kubectl auth can-i --list)', async () => {
    const ns = cluster.namespace;
    const list = (who: string) =>
      kubectl('auth', 'can-i', '--list', `--as=system:serviceaccount:${ns}:${who}`);
    // What every account gets (self reviews, discovery) is not the Role's doing.
    const everyone = new Set(canIPermissions(await list('default')));
    const granted = canIPermissions(await list('todo-app-ops')).filter((p) => !everyone.has(p));
    expect(granted).toEqual(documentedPermissions());
  });

  it("runs the chart's server command with the ServiceAccount's token: status, scale, restart", async () => {
    const deployment = await cluster.apps.readNamespacedDeployment({
      name: 'todo-app-ops',
      namespace: cluster.namespace,
    });
    const container = deployment.spec?.template.spec?.containers[0];
    const args = (container?.args ?? []).map((arg) => (arg === '0.0.0.0:7070' ? '0.0.0.0:0' : arg));
    expect(args).toContain('--client-confirms-writes');
    const env = {
      ...containerEnv(container?.env ?? []),
      KUBECONFIG: await serviceAccountKubeconfig(),
      // Named, so todo-ops acts on it although its name is not a local cluster's.
      TODO_OPS_CONTEXT: 'todo-app-ops',
      PATH: process.env.PATH ?? '',
      HOME: dir,
    };
    server = spawn(process.execPath, ['--import', 'tsx', main, ...args], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const url = await waitFor(async () => stderr.match(/listening on (\S+)/)?.[1], {
      timeoutMs: 30_000,
      what: `the ops server to listen (stderr: ${stderr})`,
    });
    client = new Client({ name: 'ops-server-test', version: '0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { authorization: TOKEN } },
      }),
    );
    const offered = (await client.listTools()).tools.map((t) => t.name).sort();
    expect(offered).toEqual(
      [
        'status',
        'logs',
        'events',
        'diagnose',
        'history',
        'verify',
        'guide',
        'scale',
        'restart',
      ].sort(),
    );
    const call = async (name: string, args: Record<string, unknown> = {}) => {
      const result = await client?.callTool({ name, arguments: args });
      const text = JSON.stringify(result?.content);
      expect(result?.isError, `${name}: ${text}`).toBeFalsy();
      return result?.structuredContent as { summary: string; data: Record<string, unknown> };
    };
    // Status and history from the release records, without helm.
    expect((await call('status')).data).toMatchObject({
      deployed: true,
      helm: { revision: 1, status: 'deployed' },
    });
    expect((await call('history')).data).toMatchObject({ revisions: [{ revision: 1 }] });
    await call('diagnose');
    await call('logs', { component: 'backend', tail: 5 });
    // Scale through the Deployment's scale subresource, the release left as it was.
    const scaled = await call('scale', { component: 'backend', replicas: 3 });
    expect(scaled.data).toMatchObject({ from: 2, to: 3, ready: 3, revision: 1 });
    expect(await waitForReadyPods(cluster, selector('backend'), 3)).toHaveLength(3);
    // Restart: new frontend pods replace the old ones.
    const before = (await listPods(cluster, selector('frontend'))).map((p) => p.metadata?.name);
    const restarted = await call('restart', { component: 'frontend' });
    expect(restarted.data).toMatchObject({ component: 'frontend', ready: 2, desired: 2 });
    const after = await waitForReadyPods(cluster, selector('frontend'), 2);
    for (const pod of after) expect(before).not.toContain(pod.metadata?.name);
  });
});
