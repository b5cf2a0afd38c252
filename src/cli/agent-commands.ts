/**
 * Wires run, mcp and chat (src/agent, src/mcp, src/ui) into the CLI runtime: tools from the
 * registry, deps from the global options, plain-text results, exit codes through `setExit`.
 * Listed in EXTRA_COMMANDS of index.ts.
 */
import type { Command } from 'commander';
import { allTools } from '../../tools/registry.js';
import { auditHook } from '../agent/audit.js';
import type { ToolSet } from '../agent/tool-source.js';
import { registerChatCommand } from './chat.js';
import type { RegisterCommand } from './index.js';
import { registerMcpCommand } from './mcp.js';
import { type CommandIo, registerRunCommand } from './run.js';
import { type CliRuntime, configFor } from './runtime.js';

const ioOf = (runtime: CliRuntime, setExit: (code: number) => void): CommandIo => ({
  write: (text) => void runtime.stdout.write(text),
  writeError: (text) => void runtime.stderr.write(text),
  env: runtime.env,
  interactive: () => runtime.interactive,
  setExit,
});

const toolsFor =
  (runtime: CliRuntime) =>
  async (command: Command): Promise<ToolSet> => {
    const deps = runtime.makeDeps(configFor(command, runtime));
    return {
      tools: allTools(),
      deps,
      audit: (door, request) => auditHook(deps, door, request),
    };
  };

/** run, mcp and chat, for EXTRA_COMMANDS in index.ts. */
export const AGENT_COMMANDS: RegisterCommand[] = [
  (program, runtime, setExit) =>
    void registerRunCommand(program, toolsFor(runtime), ioOf(runtime, setExit)),
  (program, runtime, setExit) =>
    void registerMcpCommand(program, toolsFor(runtime), ioOf(runtime, setExit)),
  (program, runtime, setExit) =>
    void registerChatCommand(program, toolsFor(runtime), ioOf(runtime, setExit)),
];
