/** A CommandIo that records output and the exit code, for run/mcp/chat command tests. */
import type { CommandIo } from '../../src/cli/run.js';

/** Recording io; `code` is 0 until a command sets it. */
export function recordingIo(env: Record<string, string | undefined> = {}, interactive = false) {
  const captured = { out: '', err: '', code: 0 };
  const io: CommandIo = {
    write: (text) => {
      captured.out += text;
    },
    writeError: (text) => {
      captured.err += text;
    },
    env,
    interactive: () => interactive,
    setExit: (code) => {
      captured.code = code;
    },
  };
  return { io, captured };
}
