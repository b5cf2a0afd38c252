/**
 * The real `todo-ops` chat in a real terminal (tmux), fed the way people and tools feed it:
 * a line typed before the chat is up, and a line that arrives in one piece with its Enter
 * (a paste, or `tmux send-keys -l $'guide kagent\r'`). Both must be submitted, not left
 * sitting in the input. Runs the sources (through tsx), so it checks this checkout's code.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it, vi } from 'vitest';
import { describeWithEnv } from '../support/env.js';
import { hasTmux, type TmuxSession, tmuxServer } from '../support/tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const server = tmuxServer('todo-ops-typeahead');
let chat: TmuxSession;
// The whole scrollback: the guide's answer is longer than the window.
const screen = () => chat.screen({ scrollback: true });
const GUIDE_ANSWER = /✓ guide topic=kagent .*sections on "kagent"/;

/** Starts the chat in a fresh tmux session, without a model (the fast path only). */
function startChat(): void {
  chat = server.start(`${process.execPath} --import tsx ${main} chat`, {
    cwd: root,
    env: { OPENAI_API_KEY: '', OPENAI_BASE_URL: '', NO_COLOR: '1' },
  });
}

describeWithEnv(
  'chat type-ahead through tmux',
  hasTmux ? undefined : 'tmux is not installed',
  () => {
    afterAll(() => server.stop());

    it('submits a line typed (with Enter) before the chat has started', async () => {
      startChat();
      // Sent at once: the chat is still loading, the terminal is not in raw mode yet.
      chat.type('guide kagent\r');
      await vi.waitFor(() => expect(screen()).toMatch(GUIDE_ANSWER), {
        timeout: 60_000,
        interval: 200,
      });
      expect(screen()).toContain('todo-ops 0.1.0');
    });

    it('submits a line that arrives in one piece with its Enter', async () => {
      startChat();
      await vi.waitFor(() => expect(screen()).toContain('try: show pods'), {
        timeout: 60_000,
        interval: 200,
      });
      chat.type('guide kagent\r');
      await vi.waitFor(() => expect(screen()).toMatch(GUIDE_ANSWER), {
        timeout: 10_000,
        interval: 100,
      });
      // The input line is empty again, ready for the next request.
      await vi.waitFor(() => expect(screen()).toMatch(/^> *$/m), { timeout: 5_000, interval: 100 });
    });
  },
);
