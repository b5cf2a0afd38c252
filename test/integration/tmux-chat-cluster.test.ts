/**
 * `todo-ops` itself in a real terminal on the test cluster: `run deploy --yes` installs the
 * release, then tmux starts the chat, types "scale backend to 3", confirms, and reads three
 * ready backend pods off the screen.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { clusterMissing, useTestNamespace, waitForReadyPods } from '../support/cluster.js';
import { describeWithEnv } from '../support/env.js';
import { helmPath } from '../support/kube-tools.js';
import { hasTmux, type TmuxSession, tmuxServer } from '../support/tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const cli = [process.execPath, '--import', 'tsx', main];
const missing = !hasTmux ? 'tmux is not installed' : clusterMissing();

const BACKEND = 'app.kubernetes.io/instance=todo-app,app.kubernetes.io/component=backend';

describeWithEnv('todo-ops chat through tmux on the test cluster', missing, () => {
  const cluster = useTestNamespace('chat');
  const server = tmuxServer('todo-ops-chat-cluster');
  let chat: TmuxSession;
  const screen = () => chat.screen({ joinWrapped: true });
  const env = () => ({
    ...process.env,
    KUBECONFIG: cluster.kubeconfigPath,
    TODO_OPS_NAMESPACE: cluster.namespace,
    TODO_OPS_HELM: helmPath(),
    TODO_OPS_HELM_TIMEOUT: '90',
    TODO_OPS_READY_TIMEOUT: '90',
    // kwok's pods answer no HTTP: changes are proven on the real node.
    TODO_OPS_PROVE: '0',
    JWT_SECRET: 'tmux-chat-jwt-secret-value',
    DATABASE_URL: 'postgresql://todo:tmux-chat-db-password@db.example.test:5432/todo',
    NO_COLOR: '1',
  });

  beforeAll(() => {
    const deploy = spawnSync(cli[0] ?? 'node', [...cli.slice(1), 'run', 'deploy', '--yes'], {
      cwd: root,
      // The chart requires the app's own OpenAI key; the chat below runs without a model.
      env: { ...env(), OPENAI_API_KEY: 'sk-tmux-chat-app-key-0123456789' },
      encoding: 'utf8',
    });
    if (deploy.status !== 0)
      throw new Error(
        `todo-ops run deploy --yes exited ${deploy.status}:\n${deploy.stdout}\n${deploy.stderr}`,
      );
    const vars = Object.entries(env()).filter(
      (entry): entry is [string, string] =>
        /^(KUBECONFIG|TODO_OPS_|NO_COLOR$)/.test(entry[0]) && entry[1] !== undefined,
    );
    chat = server.start(cli.join(' '), {
      cwd: root,
      env: Object.fromEntries(vars),
      width: 140,
      height: 45,
    });
  });
  afterAll(() => server.stop());

  it('scale backend to 3, confirm, three ready backend pods in the answer', async () => {
    await vi.waitFor(() => expect(screen()).toContain('/help'), { timeout: 30_000, interval: 200 });
    chat.type('scale backend to 3');
    chat.press('Enter');
    await vi.waitFor(() => expect(screen()).toContain('Apply this change? [y/N]'), {
      timeout: 15_000,
      interval: 100,
    });
    expect(screen()).toContain(
      'scale backend to 3 replicas (helm upgrade --reuse-values --set backend.replicas=3)',
    );
    chat.press('y');
    await vi.waitFor(
      () => expect(screen().match(/todo-app-backend-\S+\s+1\/1\s+Running/g)).toHaveLength(3),
      { timeout: 120_000, interval: 250 },
    );
    expect(await waitForReadyPods(cluster, BACKEND, 3, 5_000)).toHaveLength(3);
  });
});
