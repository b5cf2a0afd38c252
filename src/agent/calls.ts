/**
 * The pieces of a tool call every door shares: the planned call a person confirms, who
 * proposed it, argument parsing against the tool's own schema, running a tool so a bug
 * becomes a failed result, and the CLI command that states a call (for hints).
 */
import type { z } from 'zod';
import type { ChangePreview } from '../../tools/change-plan.js';
import type { Tool, ToolContext, ToolEffect, ToolResult } from '../../tools/contract.js';
import { fail } from '../../tools/contract.js';

/** Arguments of a tool call, as a plain object. */
export type ToolArgs = Record<string, unknown>;

/**
 * Who proposed a call. `user`: derived with no model from the person's own words (a
 * subcommand's argv, a request the fast-path router read). `model`: a model proposed it,
 * possibly after reading cluster text. `client`: an MCP client asked for it.
 */
export type CallOrigin = 'user' | 'model' | 'client';

/** A call about to run, as the person confirming it sees it. */
export interface PlannedCall {
  tool: string;
  title: string;
  args: ToolArgs;
  /** What this call changes (for hosts_entry it depends on the action). */
  effect: ToolEffect;
  /** The tool's plan: what will change, in plain words with the actual values. */
  change: string;
  origin: CallOrigin;
  /** The structured plan computed from the cluster (tools that declare `preview`). */
  preview?: ChangePreview;
  /** Why a tool that plans from the cluster has no plan this time ("plan unavailable: ..."). */
  previewNote?: string;
}

/** Asks the person before a write or destructive call; resolves true to go ahead. */
export type ConfirmFn = (call: PlannedCall, signal?: AbortSignal) => Promise<boolean>;

/** Finds a tool by name in the set a caller works with. */
export function findToolIn<T extends Pick<Tool, 'name'>>(
  tools: readonly T[],
  name: string,
): T | undefined {
  return tools.find((tool) => tool.name === name);
}

/** Result of checking raw arguments (a JSON string from a model, or an object). */
export type ParsedArgs<Input extends z.ZodObject = z.ZodObject> =
  | { ok: true; args: z.infer<Input> }
  | { ok: false; result: ToolResult<never> };

/** Parses and validates arguments against the tool's schema; failures say how to fix them. */
export function parseToolArgs<Input extends z.ZodObject>(
  tool: { name: string; input: Input },
  raw: unknown,
): ParsedArgs<Input> {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    if (raw.trim() === '') value = {};
    else {
      try {
        value = JSON.parse(raw);
      } catch {
        return {
          ok: false,
          result: fail(
            'invalid_input',
            `arguments for ${tool.name} are not valid JSON: ${raw.slice(0, 200)}`,
            'call the tool again with a JSON object matching its parameters schema',
          ),
        };
      }
    }
  }
  const parsed = tool.input.safeParse(value ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.message}`)
      .join('; ');
    return {
      ok: false,
      result: fail(
        'invalid_input',
        `invalid arguments for ${tool.name}: ${issues}`,
        'fix the listed fields and call the tool again',
      ),
    };
  }
  return { ok: true, args: parsed.data };
}

/** Runs a tool; an exception (a bug, not an expected failure) becomes a failed result. */
export async function runTool<Input extends z.ZodObject, Data, Deps>(
  tool: Tool<Input, Data, Deps>,
  args: z.infer<Input>,
  ctx: ToolContext<Deps>,
): Promise<ToolResult<Data>> {
  if (ctx.signal?.aborted) return fail('cancelled', `${tool.name} was cancelled`, 'ask again');
  try {
    return await tool.run(args, ctx);
  } catch (error) {
    if (ctx.signal?.aborted) return fail('cancelled', `${tool.name} was cancelled`, 'ask again');
    return fail(
      'failed',
      `${tool.name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      'report this as a todo-ops bug; try `todo-ops doctor`',
    );
  }
}

/** `build_images` -> `build-images`: a tool's subcommand. */
export const commandName = (toolName: string): string => toolName.replace(/_/g, '-');

/** `warningsOnly` -> `warnings-only`: a field's CLI flag. */
export const flagName = (field: string): string =>
  field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Quotes a word for a POSIX shell when it needs it. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The `todo-ops` command line that states this call, e.g. `todo-ops scale backend 0`. */
export function cliCommand(tool: Pick<Tool, 'name' | 'positionals'>, args: ToolArgs): string {
  const positionals = tool.positionals ?? [];
  const words = ['todo-ops', commandName(tool.name)];
  for (const field of positionals) {
    if (args[field] !== undefined) words.push(shellWord(String(args[field])));
  }
  for (const [field, value] of Object.entries(args)) {
    if (positionals.includes(field) || value === undefined || value === false) continue;
    const flag = `--${flagName(field)}`;
    if (value === true) words.push(flag);
    else if (value && typeof value === 'object')
      words.push(flag, ...Object.entries(value).map(([k, v]) => shellWord(`${k}=${String(v)}`)));
    else words.push(flag, shellWord(String(value)));
  }
  return words.join(' ');
}
