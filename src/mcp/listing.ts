/**
 * The MCP server's answers to `initialize` and `tools/list`, as data: written at build time
 * from the real server (precompute.ts, scripts/build-cli.mjs) so the stdio front
 * (stdio-front.ts) can answer both without loading the MCP SDK, zod or the tools. Nothing
 * here imports them: this module is on the start-up path of `todo-ops mcp`.
 */

/** What a tool's effect is, for choosing which tools a server exposes. */
export type ToolEffect = 'read' | 'write' | 'destructive';

/** The options that decide which tools a server exposes. */
export interface ExposeOptions {
  /** Expose only read tools. */
  readOnly?: boolean;
  /** Expose destructive tools (each call still needs the user's confirmation). */
  allowDestructive?: boolean;
  /** Expose only these tools (by name); undefined exposes all. */
  only?: readonly string[];
}

/** Which of `tools` a server with these options exposes, in their order. */
export function exposedBy<T extends { name: string; effect: ToolEffect }>(
  tools: readonly T[],
  options: ExposeOptions,
): T[] {
  return tools.filter((tool) => {
    if (options.only && !options.only.includes(tool.name)) return false;
    if (options.readOnly) return tool.effect === 'read';
    return tool.effect !== 'destructive' || options.allowDestructive === true;
  });
}

/** The server's answers, as JSON, for a server that exposes every tool. */
export interface StdioListing {
  /** Protocol versions the server speaks, and the one it offers when asked for another. */
  protocolVersions: { supported: string[]; latest: string };
  /** The `initialize` result without its protocolVersion (capabilities, serverInfo, ...). */
  initialize: Record<string, unknown>;
  /** Each tool's `tools/list` entry, in the server's order, with the tool's effect. */
  tools: Array<{ name: string; effect: ToolEffect; definition: Record<string, unknown> }>;
}

/** The `initialize` result for a client that asked for `requested` (as the SDK negotiates). */
export function initializeResult(
  listing: StdioListing,
  requested: string,
): Record<string, unknown> {
  const { supported, latest } = listing.protocolVersions;
  return {
    protocolVersion: supported.includes(requested) ? requested : latest,
    ...listing.initialize,
  };
}

/** The `tools/list` result of a server with these options. */
export function toolsListResult(
  listing: StdioListing,
  options: ExposeOptions,
): { tools: Array<Record<string, unknown>> } {
  return { tools: exposedBy(listing.tools, options).map((tool) => tool.definition) };
}
