/**
 * The one call pipeline. Every door (the chat, `run`, the per-tool subcommands, MCP) runs a
 * tool call through `executeCall`: validate the arguments against the tool's schema, plan
 * (the tool says what will change), apply the policy (read-only, dry run, approval), run,
 * check the data against the tool's output schema, redact once where it leaves, and format.
 * A door supplies only how it gets a yes.
 *
 * Approval fails closed. A standing approval given up front (`--yes`) covers only calls
 * whose origin is the person's own words read without a model (a subcommand's argv, a
 * request the fast-path router read): a change a model proposes, which it may do after
 * reading planted text in logs or events, needs someone to say yes to that very call, and
 * is refused when nobody can be asked. No argument of the call itself can approve it.
 */
import type { z } from 'zod';
import { planOf, renderPlan } from '../../tools/change-plan.js';
import {
  callEffect,
  type DisplayBlock,
  fail,
  type Tool,
  type ToolProgress,
  type ToolResult,
} from '../../tools/contract.js';
import { redact, redactText } from '../../tools/redact.js';
import { displayOf, formatResult } from '../../tools/result-format.js';
import {
  type CallOrigin,
  cliCommand,
  type PlannedCall,
  parseToolArgs,
  runTool,
  type ToolArgs,
} from './calls.js';

/** What happened to one call. */
export type CallStatus = 'ok' | 'failed' | 'declined' | 'planned';

/** An answer to "apply this change?": `cannot-ask` when nobody can be asked this call. */
export type Answer = 'yes' | 'no' | 'cannot-ask';

/** How a door gets a yes for a change. */
export interface Approval {
  /** Given up front (`--yes`); covers only calls whose origin is `user`. */
  standing?: boolean;
  /**
   * Tools the person named up front (`run --approve scale,restart`): their `write` calls run
   * whoever proposed them, model included. Never a destructive call.
   */
  approveTools?: readonly string[];
  /** Asks someone who sees the plan. */
  ask?: (call: PlannedCall, signal?: AbortSignal) => Promise<Answer>;
  /** How to approve when nobody could be asked (e.g. "re-run with --yes"). */
  howToApprove?: string;
}

/** The policy a door runs calls under. */
export interface CallPolicy {
  /** Only calls that read run. */
  readOnly?: boolean;
  /** Plan only: nothing runs. */
  dryRun?: boolean;
  approval: Approval;
}

/** What a call runs with, and who hears about it while it runs. */
export interface CallEnv {
  /**
   * Passed to the tool as `ctx.deps`. When they learn secret values on first use of the
   * cluster (ToolDeps' `knownSecrets`), that is awaited before any output leaves.
   */
  deps: unknown;
  signal?: AbortSignal;
  /** The call is about to run (after approval). */
  onStart?: (call: PlannedCall) => void;
  /** Progress, already redacted. */
  onProgress?: (progress: ToolProgress) => void;
  /** Records each change that runs (src/agent/audit.ts). */
  audit?: AuditHook;
}

/** Records a change: `before` runs once it is approved, `after` once it has run. */
export interface AuditHook {
  /** What `after` needs from before the change (e.g. the revision live now). */
  before(call: PlannedCall): Promise<unknown>;
  /** Writes the record; returns a warning when it could not. Never throws. */
  after(call: PlannedCall, result: ToolResult, before: unknown): Promise<string | undefined>;
}

/** Why a change did not run: read-only mode, the person said no, or nobody could say yes. */
export type DeclineReason = 'read-only' | 'said-no' | 'unconfirmed';

/** The outcome of a call, redacted, as every door reports it. */
export interface CallOutcome<Data = unknown> {
  call: PlannedCall;
  status: CallStatus;
  /** Set when status is `declined`. */
  declined?: DeclineReason;
  /** Absent only for a dry run. */
  result?: ToolResult<Data>;
  /** What a person sees beyond the summary (the tool's view of its data). */
  display: DisplayBlock[];
  /** The outcome as text, for a terminal and for the model's tool message. */
  text: string;
  /** The change's plan was empty: nothing differed, so it was not applied (status `ok`). */
  unchanged?: boolean;
}

/** One line naming a call that reads: `logs component=backend tail=100`. */
function describeRead(tool: Pick<Tool, 'name'>, args: ToolArgs): string {
  const shown = Object.entries(args)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' ');
  return shown ? `${tool.name} ${shown}` : tool.name;
}

/** The planned call of a validated input: the tool's effect and its own plan. */
export function planCall<Input extends z.ZodObject, Data, Deps>(
  tool: Tool<Input, Data, Deps>,
  args: z.infer<Input>,
  origin: CallOrigin,
  deps: Deps,
): PlannedCall {
  const effect = callEffect(tool, args);
  const change =
    effect === 'read'
      ? describeRead(tool, args)
      : (tool.plan?.(args, deps) ?? `${tool.title.toLowerCase()} (${describeRead(tool, args)})`);
  return redact({ tool: tool.name, title: tool.title, args, effect, change, origin });
}

/**
 * The structured plan of a call for a terminal, one line per object that changes (or why
 * there is no plan); empty when the tool does not plan from the cluster.
 */
export function planLines(call: PlannedCall): string[] {
  if (call.preview) return renderPlan(call.preview);
  return call.previewNote ? [call.previewNote] : [];
}

/** The heading, the plan lines and the question every door shows before a change. */
export function confirmationText(call: PlannedCall): {
  heading: string;
  plan: string[];
  question: string;
} {
  return {
    heading: `${call.effect === 'destructive' ? 'Destructive change' : 'Change'}: ${call.change}`,
    plan: planLines(call),
    question: 'Apply this change?',
  };
}

/** Lines indented under an outcome's first line. */
const indented = (lines: readonly string[]): string => lines.map((line) => `\n  ${line}`).join('');

/**
 * The call with the tool's structured plan attached, computed from the cluster before
 * anyone is asked. A plan that cannot be computed (no cluster, helm failing) never blocks
 * the call: it carries a note saying why, and goes on as a call without a plan.
 */
async function withPreview<Input extends z.ZodObject, Data, Deps>(
  tool: Tool<Input, Data, Deps>,
  args: z.infer<Input>,
  call: PlannedCall,
  env: CallEnv & { deps: Deps },
): Promise<PlannedCall> {
  if (!tool.preview || call.effect === 'read') return call;
  try {
    const preview = await tool.preview(args, env.deps, env.signal);
    if (!preview) return call;
    await secretsSettled(env.deps);
    // Redacted where it leaves, and digested as shown: the same change, the same digest.
    return { ...call, preview: planOf(redact(preview.objects)) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ...call, previewNote: redactText(`plan unavailable: ${reason}`) };
  }
}

function declined(
  call: PlannedCall,
  reason: DeclineReason,
  message: string,
  hint: string,
): CallOutcome<never> {
  return {
    call,
    status: 'declined',
    declined: reason,
    result: redact(fail('refused', message, hint)),
    display: [],
    text: redact(
      `✗ ${call.tool} not applied: ${message}${indented(planLines(call))}\n  hint: ${hint}`,
    ),
  };
}

/** The policy: whether this planned call may run, and if not, why. */
async function approve(
  tool: Pick<Tool, 'name' | 'positionals'>,
  call: PlannedCall,
  policy: CallPolicy,
  signal: AbortSignal | undefined,
): Promise<CallOutcome<never> | 'run' | 'plan'> {
  if (call.effect === 'read') return policy.dryRun ? 'plan' : 'run';
  if (policy.readOnly)
    return declined(
      call,
      'read-only',
      `${call.tool} changes the cluster and todo-ops is in read-only mode: it would ${call.change}`,
      'say what you would have done; changes need a session that is not read-only',
    );
  if (policy.dryRun) return 'plan';
  const { approval } = policy;
  if (approval.standing && call.origin === 'user') return 'run';
  if (call.effect === 'write' && approval.approveTools?.includes(call.tool)) return 'run';
  const answer = approval.ask ? await approval.ask(call, signal) : 'cannot-ask';
  if (answer === 'yes') return 'run';
  if (answer === 'no')
    return declined(
      call,
      'said-no',
      `the user did not confirm: ${call.change}`,
      'do not retry this call unless the user asks for it again',
    );
  if (approval.standing)
    return declined(
      call,
      'unconfirmed',
      `a ${call.origin === 'model' ? 'model' : 'client'} proposed this change, which the request did not state, so --yes does not cover it: it would ${call.change}`,
      `to apply it, state it yourself: ${cliCommand(tool, call.args)} --yes`,
    );
  return declined(
    call,
    'unconfirmed',
    `not confirmed: it would ${call.change}`,
    approval.howToApprove ?? 'ask the user to confirm it',
  );
}

/**
 * Runs one call through the pipeline. Never throws for a tool's failure: invalid
 * arguments, refusals and errors are outcomes.
 */
export async function executeCall<Input extends z.ZodObject, Data, Deps>(
  tool: Tool<Input, Data, Deps>,
  rawArgs: unknown,
  origin: CallOrigin,
  policy: CallPolicy,
  env: CallEnv & { deps: Deps },
): Promise<CallOutcome<Data>> {
  /** An outcome for a call that failed before it could be approved or run. */
  const failedEarly = (args: ToolArgs, result: ToolResult<never>): CallOutcome<Data> => ({
    call: redact({
      tool: tool.name,
      title: tool.title,
      args,
      effect: tool.effect,
      change: '',
      origin,
    }),
    status: 'failed',
    result: redact(result),
    display: [],
    text: redact(formatResult(tool, result)),
  });
  const parsed = parseToolArgs(tool, rawArgs);
  if (!parsed.ok)
    return failedEarly(
      rawArgs && typeof rawArgs === 'object' ? (rawArgs as ToolArgs) : {},
      parsed.result,
    );
  let call: PlannedCall;
  try {
    call = planCall(tool, parsed.args, origin, env.deps);
  } catch (error) {
    // A change that cannot be described is not run: nobody could see what they approve.
    return failedEarly(
      parsed.args,
      fail(
        'failed',
        `${tool.name} could not describe its change: ${error instanceof Error ? error.message : String(error)}`,
        'report this as a todo-ops bug',
      ),
    );
  }
  if (!policy.readOnly) call = await withPreview(tool, parsed.args, call, env);
  // Nothing differs: applying it would only add a Helm revision. Nobody is asked.
  if (call.preview && call.preview.objects.length === 0 && !policy.dryRun)
    return {
      call,
      status: 'ok',
      unchanged: true,
      display: [],
      text: redact(
        `✓ nothing to change: every object already matches, so it was not applied (${call.change})`,
      ),
    };
  const decision = await approve(tool, call, policy, env.signal);
  if (decision === 'plan')
    return {
      call,
      status: 'planned',
      display: [],
      text: redact(`· ${call.change} (dry run: not executed)${indented(planLines(call))}`),
    };
  if (decision !== 'run') return decision;

  const audited = call.effect !== 'read' ? env.audit : undefined;
  const auditBefore = audited ? await audited.before(call) : undefined;
  env.onStart?.(call);
  const report = env.onProgress;
  // Progress waits, in order, until the release's secret values are known to the redactor.
  const progress = report
    ? (update: ToolProgress) => void secretsSettled(env.deps).then(() => report(redact(update)))
    : undefined;
  const raw = await runTool(tool, parsed.args, {
    deps: env.deps,
    ...(env.signal ? { signal: env.signal } : {}),
    ...(progress ? { progress } : {}),
  });
  const checked = checkOutput(tool, raw);
  await secretsSettled(env.deps);
  const result = redact(checked);
  const display = redact(displayOf(tool, result));
  const auditWarning = audited ? await audited.after(call, result, auditBefore) : undefined;
  const text = redact(formatResult(tool, result, display));
  return {
    call,
    status: result.ok ? 'ok' : 'failed',
    result,
    display,
    text: auditWarning ? `${text}\n  (${redact(auditWarning)})` : text,
  };
}

/**
 * Waits for the secret values the deps are learning (ToolDeps starts that on its first use
 * of the cluster), so a fresh process masks the release's Secret in its very first output.
 */
async function secretsSettled(deps: unknown): Promise<void> {
  const known = (deps as { knownSecrets?: { settled?: unknown } } | undefined)?.knownSecrets;
  if (typeof known?.settled === 'function') await (known.settled as () => Promise<void>)();
}

/**
 * Data that does not match the tool's own output schema is a bug that would break every
 * MCP client validating it: it becomes a failure that says so instead.
 */
function checkOutput<Data>(
  tool: Pick<Tool<z.ZodObject, Data>, 'name' | 'output'>,
  result: ToolResult<Data>,
): ToolResult<Data> {
  if (result.data === undefined) return result;
  const checked = tool.output.safeParse(result.data);
  if (checked.success) return { ...result, data: checked.data };
  const issue = checked.error.issues[0];
  const where = `${issue?.path.join('.') || '(data)'}: ${issue?.message ?? 'invalid'}`;
  return fail(
    'failed',
    `${tool.name} returned data that does not match its output schema (${where}); it reported: ${result.ok ? result.summary : result.error.message}`,
    'report this as a todo-ops bug',
  );
}
