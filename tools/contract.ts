/**
 * The tool contract: every capability of todo-ops is one `Tool`, declared once and used
 * by the chat, the MCP server and the CLI. Nothing here imports from `src/`.
 */
import type { z } from 'zod';

/** How much a tool changes: drives confirmation, `--read-only` and MCP annotations. */
export type ToolEffect = 'read' | 'write' | 'destructive';

/** Kinds of expected failure, so callers can react without parsing messages. */
export type ToolErrorKind =
  | 'invalid_input'
  | 'not_found'
  | 'unreachable'
  | 'forbidden'
  | 'refused'
  | 'conflict'
  | 'timeout'
  | 'missing_dependency'
  | 'failed'
  | 'cancelled';

/** An expected failure: what went wrong and how a model or a person can recover. */
export interface ToolError {
  kind: ToolErrorKind;
  message: string;
  hint: string;
}

/** A tool's outcome. Expected failures are values, never exceptions. */
export type ToolResult<Data = unknown> =
  | { ok: true; summary: string; data: Data }
  | { ok: false; error: ToolError; data?: Data };

/** A progress report on long work (build, deploy, wait for ready). */
export interface ToolProgress {
  message: string;
  /** 0..1 when known. */
  fraction?: number;
}

/**
 * Narrow dependencies a tool runs with. Each platform adapter is an interface so tests
 * pass a real test-cluster client or a recording fake; `config` holds the scope.
 */
export interface ToolContext<Deps = unknown> {
  deps: Deps;
  progress?: (update: ToolProgress) => void;
  signal?: AbortSignal;
}

/** One capability of todo-ops. */
export interface Tool<Input extends z.ZodObject = z.ZodObject, Data = unknown, Deps = unknown> {
  /** snake_case, stable: the model, MCP clients and the CLI call it by this name. */
  name: string;
  title: string;
  /** For the model: when to use it and what it changes. */
  description: string;
  /** The only schema; `.describe()` on every field. */
  input: Input;
  effect: ToolEffect;
  /** Calling twice with the same input leaves the same state (MCP idempotentHint). */
  idempotent: boolean;
  /** Reaches beyond the cluster (registry, internet, the hosts file). */
  openWorld?: boolean;
  run(input: z.infer<Input>, ctx: ToolContext<Deps>): Promise<ToolResult<Data>>;
}

/** Builds a successful result. */
export function ok<Data>(summary: string, data: Data): ToolResult<Data> {
  return { ok: true, summary, data };
}

/** Builds an expected-failure result. */
export function fail<Data = never>(
  kind: ToolErrorKind,
  message: string,
  hint: string,
  data?: Data,
): ToolResult<Data> {
  return data === undefined
    ? { ok: false, error: { kind, message, hint } }
    : { ok: false, error: { kind, message, hint }, data };
}
