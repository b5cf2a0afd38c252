#!/usr/bin/env node
/**
 * Process entry of the `todo-ops` binary. `todo-ops mcp` over stdio starts with the stdio
 * front (mcp-front.ts), which answers a client's first requests before the command tree
 * loads; everything else loads the command tree at once.
 */
import { takeStdioFront } from '../mcp/stdio-front.js';
import { startMcpFront } from './mcp-front.js';

async function runFull(): Promise<void> {
  const { runCli } = await import('./index.js');
  process.exitCode = await runCli(process.argv);
  // Ended before the MCP server took the front over: stop reading stdin, so the process ends.
  takeStdioFront()?.detach();
}

if (!startMcpFront(process.argv, process.env, () => void runFull())) await runFull();
