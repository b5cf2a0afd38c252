/**
 * The fast start of `todo-ops mcp` over stdio: when the command line is one the stdio front
 * can answer for (no global options; only --read-only, --allow-destructive,
 * --client-confirms-writes and --tools with known names) and the build wrote the listing,
 * the front answers `initialize` and `tools/list` before the command tree, the tools, zod
 * or the MCP SDK load; the full command takes over at the first other message. Any other
 * command line, or a configuration the full command would refuse, goes the usual way.
 */
import { readFileSync } from 'node:fs';
import { checkConfig, loadConfig } from '../../tools/config.js';
import { exposedBy, type StdioListing } from '../mcp/listing.js';
import { startStdioFront, takeStdioFront } from '../mcp/stdio-front.js';

/** Where the build writes the listing, next to the bundle (scripts/build-cli.mjs). */
export const LISTING_FILE = 'mcp-listing.json';

const FLAGS = new Set(['--read-only', '--allow-destructive', '--client-confirms-writes']);

/** The front's options for argv (node, script, ...args), or undefined when it must not answer. */
export function mcpFrontOptions(
  argv: readonly string[],
  listing: StdioListing,
): { readOnly: boolean; allowDestructive: boolean; only?: string[] } | undefined {
  const [command, ...rest] = argv.slice(2);
  if (command !== 'mcp') return undefined;
  const flags = new Set<string>();
  let tools: string | undefined;
  for (let at = 0; at < rest.length; at += 1) {
    const arg = rest[at] as string;
    if (FLAGS.has(arg)) flags.add(arg);
    else if (arg === '--tools' && at + 1 < rest.length) tools = rest[++at];
    else if (arg.startsWith('--tools=')) tools = arg.slice('--tools='.length);
    else return undefined;
  }
  // As `mcp` reads --tools; an unknown name is the full command's error to report.
  const only = tools
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (only?.some((name) => !listing.tools.some((tool) => tool.name === name))) return undefined;
  const options = {
    readOnly: flags.has('--read-only'),
    allowDestructive: flags.has('--allow-destructive'),
    ...(only ? { only } : {}),
  };
  // With no tool, the server's capabilities differ: the full command answers for itself.
  if (exposedBy(listing.tools, options).length === 0) return undefined;
  return options;
}

/**
 * Starts the stdio front when argv allows it; `runFull` runs the full command (it attaches
 * to the front). Returns whether the front started.
 */
export function startMcpFront(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  runFull: () => Promise<void>,
): boolean {
  if (argv[2] !== 'mcp') return false;
  let listing: StdioListing;
  try {
    listing = JSON.parse(
      readFileSync(new URL(LISTING_FILE, import.meta.url), 'utf8'),
    ) as StdioListing;
  } catch {
    return false; // not built (running from the sources): the full command answers
  }
  const options = mcpFrontOptions(argv, listing);
  if (!options || checkConfig(loadConfig({}, env))) return false;
  startStdioFront({
    ...options,
    listing,
    input: process.stdin,
    output: process.stdout,
    handOver: () =>
      void runFull().finally(() => {
        // Ended before the MCP server took the front over: stop reading stdin, so the
        // process ends.
        takeStdioFront()?.detach();
      }),
  });
  return true;
}
