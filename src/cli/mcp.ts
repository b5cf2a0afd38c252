/**
 * `todo-ops mcp`: the MCP server over stdio, or stateless Streamable HTTP with `--http`. The
 * MCP SDK loads when the command runs, never for the other commands or `--help`.
 */
import type { Command } from 'commander';
import type { ToolSource } from '../agent/tool-source.js';
import type { HttpEntry } from '../mcp/http.js';
import { type CommandIo, processIo } from './run.js';

interface McpCommandOptions {
  http?: string | true;
  token?: string;
  readOnly?: boolean;
  allowDestructive?: boolean;
  clientConfirmsWrites?: boolean;
  tools?: string;
}

/** Registers `mcp` on `program`; `loadTools` supplies the tools and their deps. */
export function registerMcpCommand(
  program: Command,
  loadTools: ToolSource<Command>,
  io: CommandIo = processIo,
): Command {
  return program
    .command('mcp')
    .description('serve the todo-ops tools over MCP (stdio by default)')
    .option(
      '--http [address]',
      'serve stateless Streamable HTTP on host:port (default 127.0.0.1:7070)',
    )
    .option(
      '--token <token>',
      'bearer token clients must send (default $TODO_OPS_MCP_TOKEN); required beyond loopback',
    )
    .option('--read-only', 'expose only tools that read')
    .option(
      '--allow-destructive',
      'expose destructive tools (teardown); each call still needs the user to confirm it when asked (MCP elicitation)',
    )
    .option(
      '--client-confirms-writes',
      'the client asks its user before each call that changes something (kagent requireApproval, an IDE tool approval): run writes without asking again',
    )
    .option('--tools <names>', 'offer only these tools (comma-separated names)')
    .action(async (_local: McpCommandOptions, command: Command) => {
      const options = command.optsWithGlobals<McpCommandOptions>();
      const [set, { buildServer }] = await Promise.all([
        loadTools(command),
        import('../mcp/server.js'),
      ]);
      const only = options.tools
        ?.split(',')
        .map((name) => name.trim())
        .filter(Boolean);
      const unknown = only?.filter((name) => !set.tools.some((tool) => tool.name === name));
      if (unknown?.length) {
        io.writeError(
          `todo-ops mcp: unknown tool${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} in --tools (known: ${set.tools.map((tool) => tool.name).join(', ')})\n`,
        );
        io.setExit(2);
        return;
      }
      const build = () =>
        buildServer({
          tools: set.tools,
          deps: set.deps,
          readOnly: options.readOnly === true,
          allowDestructive: options.allowDestructive === true,
          clientConfirmsWrites: options.clientConfirmsWrites === true,
          ...(only ? { only } : {}),
          ...(set.audit ? { audit: (request: string) => set.audit?.('mcp', request) } : {}),
        });
      if (!options.http) {
        const { serveStdio } = await import('../mcp/stdio.js');
        await serveStdio(build());
        return;
      }
      const { parseListenAddress, startHttpEntry } = await import('../mcp/http.js');
      let entry: HttpEntry;
      try {
        const address = parseListenAddress(options.http === true ? '127.0.0.1:7070' : options.http);
        // A variable that is set but empty still counts: it is refused, not ignored.
        const token = options.token ?? io.env.TODO_OPS_MCP_TOKEN;
        entry = await startHttpEntry({
          ...address,
          ...(token === undefined ? {} : { token }),
          buildServer: build,
          log: (line) => io.writeError(`${line}\n`),
        });
      } catch (error) {
        io.writeError(`todo-ops mcp: ${error instanceof Error ? error.message : String(error)}\n`);
        io.setExit(2);
        return;
      }
      io.writeError(`todo-ops mcp listening on ${entry.url} (health: /healthz)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => void entry.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
