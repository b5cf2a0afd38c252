/** The `todo-ops` command tree: chat (default), run, mcp, and one subcommand per tool. */
import { Command } from 'commander';
import { packageInfo } from './package-info.js';

/** Builds the command tree; tests parse argv through it without spawning a process. */
export function buildProgram(): Command {
  const pkg = packageInfo();
  return new Command('todo-ops')
    .description(pkg.description)
    .version(pkg.version, '-v, --version', 'print the todo-ops version')
    .showHelpAfterError('(run `todo-ops --help` for usage)');
}
