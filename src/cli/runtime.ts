/**
 * What every `todo-ops` subcommand shares: the streams it talks on, how it builds tool
 * dependencies from the global options, and the exit-code convention (0 ok, 1 failed,
 * 2 usage). Other commands (run, mcp, chat) use the same runtime.
 */
import type { Command } from 'commander';
import { checkConfig, loadConfig, type OpsConfig } from '../../tools/config.js';
import { createDeps, type ToolDeps } from '../../tools/deps.js';
import { writeStdout } from './stdout.js';

/** Exit codes of the CLI (`run` uses the same). */
export const EXIT = {
  ok: 0,
  /** A tool failed, or the person answered no. */
  failed: 1,
  usage: 2,
  /** A change needed a yes nobody could give (no terminal, no --yes): nothing was changed. */
  needsConfirmation: 3,
} as const;

/** A deliberate end of the command with a message and an exit code (never a stack trace). */
export class CliExit extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'CliExit';
  }
}

/** Something that can be written to. */
export interface TextSink {
  write(text: string): unknown;
}

/** Streams and environment of one CLI run; tests pass their own. */
export interface CliRuntime {
  stdout: TextSink;
  stderr: TextSink;
  stdin: NodeJS.ReadableStream;
  /** True when a person can answer a prompt (stdin and stderr are terminals). */
  interactive: boolean;
  env: Record<string, string | undefined>;
  /** Builds tool dependencies for a config (tests may wrap or replace adapters). */
  makeDeps(config: OpsConfig): ToolDeps;
}

/** The process's own runtime. */
export function processRuntime(): CliRuntime {
  // Getters: Node opens a standard stream on first access, and a command that never reads
  // stdin (most of them) should not pay for opening it. Standard output is written to its
  // file descriptor (stdout.ts): a command that prints its answer opens no stream for it.
  return {
    stdout: { write: writeStdout },
    get stderr() {
      return process.stderr;
    },
    get stdin() {
      return process.stdin;
    },
    get interactive() {
      return Boolean(process.stdin.isTTY && process.stderr.isTTY);
    },
    env: process.env,
    makeDeps: (config) => createDeps(config, { env: process.env }),
  };
}

/** The global options every subcommand accepts. */
export interface GlobalOptions {
  namespace?: string;
  release?: string;
  context?: string;
  kubeconfig?: string;
  json?: boolean;
  yes?: boolean;
  timeout?: string;
}

/** Declares the global options on the root program. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('-n, --namespace <name>', 'namespace of the app (default: todo, or TODO_OPS_NAMESPACE)')
    .option('-r, --release <name>', 'Helm release name (default: todo-app, or TODO_OPS_RELEASE)')
    .option('--context <name>', 'kube context; naming one allows a non-local cluster')
    .option('--kubeconfig <path>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option(
      '--timeout <seconds>',
      'how long deploy/scale/restart wait for ready pods (default 300)',
    )
    .option('--json', 'print the result as JSON')
    .option('-y, --yes', 'do not ask before changing the cluster');
}

/** The global options as seen from any (sub)command. */
export const globalOptions = (command: Command): GlobalOptions =>
  command.optsWithGlobals<GlobalOptions>();

/** Builds the OpsConfig of a command from flags and environment; usage error when invalid. */
export function configFor(command: Command, runtime: CliRuntime): OpsConfig {
  const opts = globalOptions(command);
  let timeoutSeconds: number | undefined;
  if (opts.timeout !== undefined) {
    timeoutSeconds = Number(opts.timeout);
    if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 3600)
      throw new CliExit(
        EXIT.usage,
        `--timeout must be whole seconds between 1 and 3600, got "${opts.timeout}"`,
      );
  }
  const config = loadConfig(
    {
      ...(opts.namespace ? { namespace: opts.namespace } : {}),
      ...(opts.release ? { release: opts.release } : {}),
      ...(opts.context ? { context: opts.context } : {}),
      ...(opts.kubeconfig ? { kubeconfig: opts.kubeconfig } : {}),
      ...(timeoutSeconds ? { timeoutSeconds } : {}),
    },
    runtime.env,
  );
  const problem = checkConfig(config);
  if (problem) throw new CliExit(EXIT.usage, problem);
  return config;
}
