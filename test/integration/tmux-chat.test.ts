/**
 * The chat in a real terminal: tmux runs it, types like a person and reads the screen.
 * Today over the recording test tools; once the registry and the test cluster land, the
 * same steps run `todo-ops` itself against the cluster.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeWithEnv } from '../support/env.js';
import { hasTmux, type TmuxSession, tmuxServer } from '../support/tmux.js';

const fixture = fileURLToPath(new URL('../ui/fixtures/chat-with-test-tools.tsx', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

describeWithEnv('chat through tmux', hasTmux ? undefined : 'tmux is not installed', () => {
  const server = tmuxServer('todo-ops-chat');
  let chat: TmuxSession;
  const screen = () => chat.screen();
  beforeAll(() => {
    chat = server.start(`${process.execPath} --import tsx ${fixture}`, { cwd: root });
  });
  afterAll(() => server.stop());

  it('scale backend to 3, confirm, three ready backend pods on screen', async () => {
    await vi.waitFor(() => expect(screen()).toContain('todo-ops 0.1.0'), {
      timeout: 30_000,
      interval: 200,
    });
    chat.type('scale backend to 3');
    chat.press('Enter');
    await vi.waitFor(() => expect(screen()).toContain('Apply this change? [y/N]'), {
      timeout: 10_000,
      interval: 100,
    });
    expect(screen()).toContain(
      'scale backend to 3 replicas (helm upgrade --reuse-values --set backend.replicas=3)',
    );
    chat.press('y');
    await vi.waitFor(
      () => expect(screen().match(/todo-app-backend-\S+\s+1\/1\s+Running/g)).toHaveLength(3),
      { timeout: 10_000, interval: 100 },
    );
    chat.press('C-c', 'C-c');
    await vi.waitFor(() => expect(chat.alive()).toBe(false), { timeout: 10_000, interval: 200 });
  });
});
