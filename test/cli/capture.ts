/** A CLI runtime that captures output, for running `runCli` in-process. */
import { Readable } from 'node:stream';
import type { CliRuntime } from '../../src/cli/runtime.js';
import { createDeps } from '../../tools/deps.js';

/** Captured output plus the runtime to pass to runCli. */
export interface Captured {
  runtime: CliRuntime;
  out: () => string;
  err: () => string;
}

/** Builds a runtime over an env, with an optional answer typed at a prompt. */
export function capture(
  env: Record<string, string | undefined>,
  options: { interactive?: boolean; answer?: string } = {},
): Captured {
  let out = '';
  let err = '';
  return {
    runtime: {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
      stdin: Readable.from(options.answer === undefined ? [] : [`${options.answer}\n`]),
      interactive: options.interactive ?? false,
      env,
      makeDeps: (config) => createDeps(config, { env }),
    },
    out: () => out,
    err: () => err,
  };
}
