/**
 * The tool contract: every capability of todo-ops is one `Tool`, declared once and used
 * by the chat, the MCP server and the CLI. Nothing here imports from `src/`.
 */
import type { z } from 'zod';
import type { ChangePreview } from './change-plan.js';

/**
 * A value built on first use, then kept: a tool's output schema (and the schemas it shares
 * with other tools) is read to check a result or to list the tool, never to plan a call, so
 * loading a tool's module (a routed request, a dry run) builds none of them.
 */
export function onFirstUse<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => {
    built ??= build();
    return built;
  };
}

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

/**
 * A part of a result as a person sees it. The chat draws each kind with Ink and the text
 * renderer prints it; neither guesses from the data.
 */
export type DisplayBlock =
  | { kind: 'table'; columns: string[]; rows: Array<Array<string | number>> }
  | { kind: 'text'; text: string; tone?: 'normal' | 'problem' | 'muted' };

/**
 * One capability of todo-ops. A tool owns everything about its call: the input and output
 * schemas, what the call changes (which may depend on the input), the plan of the change
 * in plain words with the actual values, how its result reads, and its CLI positionals.
 * The call pipeline (src/agent/pipeline.ts) does the rest the same way for every door.
 */
export interface Tool<Input extends z.ZodObject = z.ZodObject, Data = unknown, Deps = unknown> {
  /** snake_case, stable: the model, MCP clients and the CLI call it by this name. */
  name: string;
  title: string;
  /** For the model: when to use it and what it changes. */
  description: string;
  /** The only input schema; `.describe()` on every field. */
  input: Input;
  /** Schema of `data` in its results: MCP's output schema, checked on every result. */
  output: z.ZodType<Data>;
  /** The most a call can change: MCP annotations and which tools read-only mode offers. */
  effect: ToolEffect;
  /** What this call changes when it depends on the input; never more than `effect`. */
  effectOf?(input: z.infer<Input>): ToolEffect;
  /** Calling twice with the same input leaves the same state (MCP idempotentHint). */
  idempotent: boolean;
  /** Reaches beyond the cluster (registry, internet, the hosts file). */
  openWorld?: boolean;
  /**
   * The change in plain words with the actual values (secrets masked), shown before a
   * write or destructive call runs. Pure: it reads nothing from the cluster.
   */
  plan?(input: z.infer<Input>, deps: Deps): string;
  /**
   * The structured plan of a change, computed from the cluster before it runs (live
   * manifests against what the call would apply; tools/change-plan.ts). Reads only.
   * Undefined when this call has no such plan; throws when it cannot be computed (the
   * pipeline then notes "plan unavailable" and goes on). An empty plan: nothing to change.
   */
  preview?(
    input: z.infer<Input>,
    deps: Deps,
    signal?: AbortSignal,
  ): Promise<ChangePreview | undefined>;
  /** Input fields taken as positional CLI arguments, in order (`todo-ops scale backend 3`). */
  positionals?: ReadonlyArray<keyof z.infer<Input> & string>;
  /** How a person reads the data beyond the summary: tables and text blocks. */
  view?(data: Data): DisplayBlock[];
  run(input: z.infer<Input>, ctx: ToolContext<Deps>): Promise<ToolResult<Data>>;
}

/** The effect of one call of a tool with this (validated) input. */
export function callEffect<Input extends z.ZodObject, Data, Deps>(
  tool: Tool<Input, Data, Deps>,
  input: z.infer<Input>,
): ToolEffect {
  return tool.effectOf?.(input) ?? tool.effect;
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
