/**
 * Where the command entries get their tools: passed in by src/cli (the registry and real
 * platform deps), by tests (the registry over fake adapters) or by benches. Loaded lazily
 * so `--help` never touches a cluster.
 */
import type { Tool } from '../../tools/contract.js';

/** Tools and the deps they run with. */
export interface ToolSet {
  tools: readonly Tool[];
  deps: unknown;
}

/**
 * Loads the tool set when a command actually runs. The CLI passes the commander Command, so
 * the source can read global options (--namespace, --context, ...) to build the deps.
 */
export type ToolSource<Context = void> = (context: Context) => Promise<ToolSet>;
