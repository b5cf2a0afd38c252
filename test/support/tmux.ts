/**
 * A terminal for tests that drive the chat as a person does: a tmux server of the test's own
 * (so sessions come and go without racing other tests' servers), sessions of a fixed size,
 * keys typed, and the screen read back.
 */
import { execFileSync, spawnSync } from 'node:child_process';

/** Whether tmux is installed. */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** One session of a test's tmux server. */
export interface TmuxSession {
  /** The visible screen, or with `scrollback` everything since the start. */
  screen(options?: { scrollback?: boolean; joinWrapped?: boolean }): string;
  /** Types text as it is (`send-keys -l`): `\r` in it is an Enter arriving with the text. */
  type(text: string): void;
  /** Presses keys by name: `Enter`, `C-c`, `y`. */
  press(...keys: string[]): void;
  /** Whether the session is still there (its program has not exited). */
  alive(): boolean;
  /** Ends the session and its program. */
  kill(): void;
}

/** A tmux server of one test file; `stop` kills it and every session it ran. */
export function tmuxServer(name: string) {
  const socket = `${name}-${process.pid}`;
  const tmux = (...args: string[]) =>
    execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  let count = 0;
  return {
    /** Starts `command` in a new session (120x40 unless said), in `cwd`, with `env` set in it. */
    start(
      command: string,
      options: { cwd: string; env?: Record<string, string>; width?: number; height?: number },
    ): TmuxSession {
      const session = `s${count++}`;
      const env = Object.entries(options.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
      tmux(
        'new-session',
        '-d',
        '-s',
        session,
        '-x',
        String(options.width ?? 120),
        '-y',
        String(options.height ?? 40),
        '-c',
        options.cwd,
        ...env,
        command,
      );
      return {
        screen: ({ scrollback = false, joinWrapped = false } = {}) =>
          tmux(
            'capture-pane',
            '-p',
            ...(scrollback ? ['-S', '-'] : []),
            ...(joinWrapped ? ['-J'] : []),
            '-t',
            session,
          ),
        type: (text) => {
          tmux('send-keys', '-t', session, '-l', text);
        },
        press: (...keys) => {
          for (const key of keys) tmux('send-keys', '-t', session, key);
        },
        alive: () => spawnSync('tmux', ['-L', socket, 'has-session', '-t', session]).status === 0,
        kill: () => {
          spawnSync('tmux', ['-L', socket, 'kill-session', '-t', session]);
        },
      };
    },
    stop(): void {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
    },
  };
}
