/**
 * The `todo-ops` command tree: one subcommand per tool (from the registry), plus the
 * commands other parts register (run, mcp, chat). `runCli` parses argv and returns the
 * exit code: 0 ok, 1 failed, 2 usage; never a stack trace for a user mistake.
 */
import { Command, CommanderError } from 'commander';
import type { OpsTool } from '../../tools/deps.js';
import { HelmError } from '../../tools/platform/helm.js';
import { KubeError } from '../../tools/platform/kube.js';
import { redactText } from '../../tools/redact.js';
import { allTools } from '../../tools/registry.js';
import { commandName } from '../agent/calls.js';
import { AGENT_COMMANDS } from './agent-commands.js';
import { packageInfo } from './package-info.js';
import { addGlobalOptions, CliExit, type CliRuntime, EXIT, processRuntime } from './runtime.js';
import { registerToolCommand, registerToolCommands } from './tool-commands.js';

/**
 * A command registration: a function that adds its subcommand(s) to the program. To add
 * one (run, mcp, chat), write `src/cli/<name>-command.ts` exporting such a function and
 * list it in EXTRA_COMMANDS below. Use `runtime` for streams and `configFor`/`makeDeps`
 * for tool dependencies; report the exit code through `setExit`, or throw CliExit.
 */
export type RegisterCommand = (
  program: Command,
  runtime: CliRuntime,
  setExit: (code: number) => void,
) => void;

/** Commands beyond the per-tool ones. */
export const EXTRA_COMMANDS: RegisterCommand[] = [...AGENT_COMMANDS];

/** Names of the commands in EXTRA_COMMANDS (they never reach a per-tool subcommand). */
const EXTRA_COMMAND_NAMES = new Set(['run', 'mcp', 'chat']);

/**
 * The per-tool subcommands a command line can reach: none, the one tool it names, or all of
 * them (--help lists them, and a word that is no command gets suggestions from all). Turning
 * each tool's schema into options is a good part of the start-up time, and `run`, `mcp`,
 * `chat` and `--version` never use them. The options are read exactly as the real program
 * reads them; when in doubt the answer is all.
 */
export function reachableToolCommands(argv: string[]): 'none' | 'all' | OpsTool {
  const named = (word: string) =>
    EXTRA_COMMAND_NAMES.has(word)
      ? 'none'
      : (allTools().find((tool) => word === tool.name || word === commandName(tool.name)) ?? 'all');
  // A first word that is no option is the command (what follows is the command's own).
  const [word] = argv.slice(2);
  if (word !== undefined && !word.startsWith('-')) return named(word);
  const probe = addGlobalOptions(new Command())
    .option('-v, --version')
    .option('-h, --help')
    .exitOverride();
  let parsed: { operands: string[]; unknown: string[] };
  try {
    parsed = probe.parseOptions(argv.slice(2));
  } catch {
    return 'all';
  }
  const first = parsed.operands[0];
  if (first !== undefined) return named(first);
  return parsed.unknown.length > 0 || probe.opts().help === true ? 'all' : 'none';
}

/** Whether a command line can reach a per-tool subcommand (or lists them, as --help does). */
export const needsToolCommands = (argv: string[]): boolean =>
  reachableToolCommands(argv) !== 'none';

/**
 * Builds the command tree; tests parse argv through it without spawning a process. With
 * `argv`, the per-tool subcommands are left out when that command line cannot reach them.
 */
export function buildProgram(
  runtime: CliRuntime = processRuntime(),
  setExit: (code: number) => void = () => {},
  argv?: string[],
): Command {
  const pkg = packageInfo();
  const program = new Command('todo-ops')
    .description(pkg.description)
    .version(pkg.version, '-v, --version', 'print the todo-ops version')
    .showHelpAfterError('(run `todo-ops --help` for usage)')
    .configureOutput({
      writeOut: (s) => runtime.stdout.write(s),
      writeErr: (s) => runtime.stderr.write(s),
    })
    .exitOverride();
  addGlobalOptions(program);
  const reachable = argv ? reachableToolCommands(argv) : 'all';
  if (reachable === 'all') registerToolCommands(program, runtime, setExit);
  else if (reachable !== 'none') registerToolCommand(program, reachable, runtime, setExit);
  for (const register of EXTRA_COMMANDS) register(program, runtime, setExit);
  return program;
}

/** Parses argv (node, script, ...args), runs the command, returns the exit code. */
export async function runCli(
  argv: string[],
  runtime: CliRuntime = processRuntime(),
): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(
    runtime,
    (c) => {
      code = c;
    },
    argv,
  );
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return EXIT.ok;
      // commander has already printed its message
      return EXIT.usage;
    }
    if (error instanceof CliExit) {
      runtime.stderr.write(`todo-ops: ${redactText(error.message)}\n`);
      return error.exitCode;
    }
    if (error instanceof KubeError || error instanceof HelmError) {
      runtime.stderr.write(`todo-ops: ${redactText(error.message)}\n  hint: ${error.hint}\n`);
      return EXIT.failed;
    }
    const message = error instanceof Error ? error.message : String(error);
    runtime.stderr.write(`todo-ops: internal error: ${redactText(message)}\n`);
    if (runtime.env.TODO_OPS_DEBUG && error instanceof Error && error.stack)
      runtime.stderr.write(`${redactText(error.stack)}\n`);
    return EXIT.failed;
  }
}
