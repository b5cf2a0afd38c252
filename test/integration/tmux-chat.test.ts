/**
 * The chat in a real terminal: tmux runs it, types like a person and reads the screen.
 * Today over the recording test tools; once the registry and the test cluster land, the
 * same steps run `todo-ops` itself against the cluster.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeWithEnv } from '../support/env.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const session = `todo-ops-chat-${process.pid}`;
const fixture = fileURLToPath(new URL('../ui/fixtures/chat-with-test-tools.tsx', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', session);

describeWithEnv('chat through tmux', hasTmux ? undefined : 'tmux is not installed', () => {
  beforeAll(() => {
    tmux(
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      '120',
      '-y',
      '40',
      '-c',
      root,
      `${process.execPath} --import tsx ${fixture}`,
    );
  });
  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
  });

  it('scale backend to 3, confirm, three ready backend pods on screen', async () => {
    await vi.waitFor(() => expect(screen()).toContain('todo-ops 0.1.0'), {
      timeout: 30_000,
      interval: 200,
    });
    tmux('send-keys', '-t', session, '-l', 'scale backend to 3');
    tmux('send-keys', '-t', session, 'Enter');
    await vi.waitFor(() => expect(screen()).toContain('Apply this change? [y/N]'), {
      timeout: 10_000,
      interval: 100,
    });
    expect(screen()).toContain(
      'scale backend to 3 replicas (helm upgrade --reuse-values --set backend.replicas=3)',
    );
    tmux('send-keys', '-t', session, 'y');
    await vi.waitFor(
      () => expect(screen().match(/todo-app-backend-\S+\s+1\/1\s+Running/g)).toHaveLength(3),
      { timeout: 10_000, interval: 100 },
    );
    tmux('send-keys', '-t', session, 'C-c');
    tmux('send-keys', '-t', session, 'C-c');
    await vi.waitFor(
      () => expect(spawnSync('tmux', ['has-session', '-t', session]).status).not.toBe(0),
      { timeout: 10_000, interval: 200 },
    );
  });
});
