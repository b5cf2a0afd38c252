#!/usr/bin/env node
/**
 * Process entry of the `todo-ops` binary. Two command lines are answered before the command
 * tree loads: `todo-ops --version` (the version, as the command tree prints it) and
 * `todo-ops mcp` over stdio, which starts with the stdio front (mcp-front.ts) answering a
 * client's first requests. Everything else loads the command tree at once.
 */
import { packageInfo } from './package-info.js';
import { writeStdout } from './stdout.js';

async function runFull(): Promise<void> {
  const { runCli } = await import('./index.js');
  process.exitCode = await runCli(process.argv);
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  writeStdout(`${packageInfo().version}\n`);
} else if (args[0] === 'mcp') {
  const { startMcpFront } = await import('./mcp-front.js');
  if (!startMcpFront(process.argv, process.env, runFull)) await runFull();
} else {
  await runFull();
}
