/**
 * Where the command entries get their tools: passed in by src/cli/index.ts (the registry and
 * real platform deps), by tests (recording tools) or by benches. Loaded lazily so `--help`
 * never touches a cluster.
 */
import type { Tool } from '../../tools/contract.js';
import type { ResultFormatter } from './mappers.js';

/** Tools, the deps they run with, and optionally their plain-text rendering. */
export interface ToolSet {
  tools: readonly Tool[];
  deps: unknown;
  format?: ResultFormatter;
}

/**
 * Loads the tool set when a command actually runs. The CLI passes the commander Command, so
 * the source can read global options (--namespace, --context, ...) to build the deps.
 */
export type ToolSource<Context = void> = (context: Context) => Promise<ToolSet>;
