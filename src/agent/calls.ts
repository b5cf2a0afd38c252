/**
 * Validating, describing and running one tool call, the same way for the fast path, the
 * model loop, `run` and MCP: arguments are checked against the tool's zod schema, a
 * write or destructive call is described before it happens, and a thrown error becomes a
 * failed result instead of ending the conversation.
 */
import type { Tool, ToolContext, ToolEffect, ToolResult } from '../../tools/contract.js';
import { fail } from '../../tools/contract.js';

/** Arguments of a tool call, as a plain object. */
export type ToolArgs = Record<string, unknown>;

/** A call about to run, as the person confirming it sees it. */
export interface PlannedCall {
  tool: string;
  title: string;
  args: ToolArgs;
  effect: ToolEffect;
  /** One line saying exactly what will change. */
  change: string;
}

/** Asks the person before a write or destructive call; resolves true to go ahead. */
export type ConfirmFn = (call: PlannedCall, signal?: AbortSignal) => Promise<boolean>;

/** Only reads run without asking. */
export function needsConfirmation(effect: ToolEffect): boolean {
  return effect !== 'read';
}

/** Finds a tool by name in the set a caller works with. */
export function findToolIn(tools: readonly Tool[], name: string): Tool | undefined {
  return tools.find((tool) => tool.name === name);
}

function str(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** One line saying what a call will change, for confirmation dialogs and refusals. */
export function describeChange(
  tool: Pick<Tool, 'name' | 'title' | 'effect'>,
  args: ToolArgs,
): string {
  switch (tool.name) {
    case 'scale':
      return `scale ${str(args.component)} to ${str(args.replicas)} replicas (helm upgrade --reuse-values --set ${str(args.component)}.replicas=${str(args.replicas)})`;
    case 'restart':
      return `restart the ${str(args.component)} pods (rolling restart of its deployment)`;
    case 'rollback':
      return args.revision === undefined
        ? 'roll the release back to its previous revision (helm rollback)'
        : `roll the release back to revision ${str(args.revision)} (helm rollback)`;
    case 'teardown': {
      const extra = [
        args.stopMinikube === true ? 'stop minikube' : '',
        args.removeImages === true ? 'remove the app images' : '',
      ].filter(Boolean);
      return `uninstall the release and delete its resources${extra.length ? `, then ${extra.join(' and ')}` : ''}`;
    }
    case 'deploy':
      return 'install or upgrade the todo app release (helm upgrade --install)';
    case 'build_images':
      return `build the ${str(args.component) || 'all'} image(s)`;
    case 'hosts_entry':
      return args.action === 'show'
        ? 'show the hosts entry'
        : `${str(args.action)} the todo.local line in the hosts file`;
    case 'setup_cluster':
      return 'start or configure the local cluster (minikube, ingress addon)';
    default: {
      const shown = Object.keys(args).length ? ` ${JSON.stringify(args)}` : '';
      return `${tool.title}${shown} (${tool.effect})`;
    }
  }
}

/** Builds the planned call shown before running `tool` with `args`. */
export function planCall(tool: Tool, args: ToolArgs): PlannedCall {
  return {
    tool: tool.name,
    title: tool.title,
    args,
    effect: tool.effect,
    change: describeChange(tool, args),
  };
}

/** Result of checking raw arguments (a JSON string from a model, or an object). */
export type ParsedArgs = { ok: true; args: ToolArgs } | { ok: false; result: ToolResult };

/** Parses and validates arguments against the tool's schema; failures say how to fix them. */
export function parseToolArgs(tool: Tool, raw: unknown): ParsedArgs {
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
  return { ok: true, args: parsed.data as ToolArgs };
}

/** Runs a tool; an exception (a bug, not an expected failure) becomes a failed result. */
export async function runTool(
  tool: Tool,
  args: ToolArgs,
  ctx: ToolContext<unknown>,
): Promise<ToolResult> {
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
