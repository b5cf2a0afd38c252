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
  // The test run's audit log (vitest.config.ts) unless the test names its own.
  const runEnv = { TODO_OPS_AUDIT_LOG: process.env.TODO_OPS_AUDIT_LOG, ...env };
  return {
    runtime: {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
      stdin: Readable.from(options.answer === undefined ? [] : [`${options.answer}\n`]),
      interactive: options.interactive ?? false,
      env: runEnv,
      makeDeps: (config) => createDeps(config, { env: runEnv }),
    },
    out: () => out,
    err: () => err,
  };
}
