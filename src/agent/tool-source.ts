/**
 * Where the command entries get their tools: passed in by src/cli (the registry and real
 * platform deps), by tests (the registry over fake adapters) or by benches. Loaded lazily
 * so `--help` never touches a cluster.
 */
import type { AuditDoor } from '../../tools/audit-log.js';
import type { Tool } from '../../tools/contract.js';
import type { AuditHook } from './pipeline.js';

/** Tools and the deps they run with. */
export interface ToolSet {
  tools: readonly Tool[];
  deps: unknown;
  /** The audit hook for one request through a door (absent: changes are not logged). */
  audit?: (door: AuditDoor, request: string) => AuditHook | undefined;
}

/**
 * Loads the tool set when a command actually runs. The CLI passes the commander Command, so
 * the source can read global options (--namespace, --context, ...) to build the deps.
 */
export type ToolSource<Context = void> = (context: Context) => Promise<ToolSet>;
