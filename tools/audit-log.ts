/**
 * The audit log: one JSON line per change todo-ops made (or tried to make), appended to a
 * local file, so "who changed the release, from where, asking what" has an answer after the
 * fact. `history` joins it with Helm's revisions. Lines are redacted before they are written;
 * a line that cannot be parsed (a torn write, a hand edit) is skipped when reading.
 *
 * Where: TODO_OPS_AUDIT_LOG, else $XDG_STATE_HOME/todo-ops/audit.jsonl, else
 * ~/.local/state/todo-ops/audit.jsonl. TODO_OPS_AUDIT_LOG=off turns it off.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { redact } from './redact.js';

/** Which door a change came through (`auto`: todo-ops itself, e.g. undoing a failed change). */
export type AuditDoor = 'chat' | 'run' | 'cli' | 'mcp' | 'auto';

/** One change, as the audit log keeps it. */
export interface AuditEntry {
  /** ISO time the change finished. */
  time: string;
  door: AuditDoor;
  /** The request as the person (or MCP client) put it. */
  request: string;
  /** Who proposed the call: the person's own words, a model, an MCP client, or todo-ops. */
  origin: 'user' | 'model' | 'client' | 'todo-ops';
  tool: string;
  args: Record<string, unknown>;
  effect: 'write' | 'destructive';
  /** The plan as shown before the change. */
  change: string;
  /** Digest of the structured plan, when the change had one. */
  planDigest?: string;
  /** Scope of the change. */
  context?: string;
  namespace: string;
  release: string;
  /** Helm revision live before and after (absent when there was no release). */
  revisionBefore?: number;
  revisionAfter?: number;
  outcome: 'ok' | 'failed';
  /** The result's summary, or its error message. */
  detail: string;
}

/** The audit log's path for this environment, or undefined when it is turned off. */
export function auditLogPath(env: Record<string, string | undefined>): string | undefined {
  const given = env.TODO_OPS_AUDIT_LOG?.trim();
  if (given) return /^(off|0|false|no)$/i.test(given) ? undefined : resolve(given);
  const state = env.XDG_STATE_HOME?.trim() || join(env.HOME?.trim() || homedir(), '.local/state');
  return join(state, 'todo-ops', 'audit.jsonl');
}

/** Appends one entry (redacted) as one line; the file is private to the user. */
export function appendAudit(path: string, entry: AuditEntry): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  appendFileSync(path, `${JSON.stringify(redact(entry))}\n`, { mode: 0o600 });
}

const isEntry = (value: unknown): value is AuditEntry => {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.time === 'string' &&
    typeof v.tool === 'string' &&
    typeof v.release === 'string' &&
    typeof v.namespace === 'string' &&
    typeof v.request === 'string'
  );
};

/** Every readable entry, oldest first; a missing file is an empty log. */
export function readAudit(path: string): AuditEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: AuditEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isEntry(parsed)) entries.push(parsed);
    } catch {
      // a torn or hand-edited line: the rest of the log still counts
    }
  }
  return entries;
}
