/**
 * Non-interactive requests (`todo-ops run`): each request goes through the same agent (and
 * the same call pipeline) as the chat, with an approval fixed up front. `--yes` approves the
 * changes the request itself states: a request the fast-path router reads with no model
 * ("scale backend to 3"). A change the model proposes is never covered by `--yes` (the model
 * may have read planted text in logs or events): it is refused, with the command that
 * states it. Without `--yes` every change is refused and reported with what it would do.
 */
import type { ChangePreview } from '../../tools/change-plan.js';
import type { ToolResult } from '../../tools/contract.js';
import { redactText, stripTerminalControls } from '../../tools/redact.js';
import type { ToolArgs } from './calls.js';
import { Agent, type CallRecord, type TurnOutcome } from './loop.js';
import type { ModelClient, ModelSettings } from './model.js';
import { routeRequest } from './router.js';
import type { ToolSet } from './tool-source.js';

/** Exit codes of `todo-ops run`. */
export const RUN_EXIT = {
  ok: 0,
  /** A tool failed, or the model failed. */
  failed: 1,
  /** Nothing to run, or a request needs a model and none is configured. */
  usage: 2,
  /** A write or destructive call needed --yes. */
  needsConfirmation: 3,
} as const;

/** Options of a run. */
export interface RunOptions {
  requests: string[];
  json: boolean;
  dryRun: boolean;
  yes: boolean;
  /** Write tools whose calls run even when the model proposed them (`--approve`). */
  approve?: readonly string[];
  toolSet: ToolSet;
  client?: ModelClient;
  settings: ModelSettings;
  systemPrompt: string;
  write: (text: string) => void;
  writeError: (text: string) => void;
  signal?: AbortSignal;
}

interface PlannedJson {
  tool: string;
  args: ToolArgs;
}

/** One request's part of the `--json` output. */
export interface RequestReport {
  request: string;
  routed: boolean;
  ok: boolean;
  calls: Array<
    PlannedJson & {
      status?: CallRecord['status'];
      change?: string;
      plan?: ChangePreview;
      unchanged?: boolean;
      result?: ToolResult;
    }
  >;
  answer?: string;
  error?: { kind: string; message: string };
}

/** Runs the requests in order, stopping at the first that fails; returns the exit code. */
export async function runRequests(options: RunOptions): Promise<number> {
  const reports: RequestReport[] = [];
  let exitCode: number = RUN_EXIT.ok;
  const agent = new Agent({
    tools: options.toolSet.tools,
    deps: options.toolSet.deps,
    ...(options.client ? { client: options.client } : {}),
    settings: options.settings,
    systemPrompt: options.systemPrompt,
    dryRun: options.dryRun,
    approval: {
      standing: options.yes,
      ...(options.approve?.length ? { approveTools: options.approve } : {}),
      howToApprove: 're-run with --yes to apply it',
    },
    onEvent: (event) => {
      if (!options.json && event.type === 'text') options.write(stripTerminalControls(event.delta));
    },
    ...(options.toolSet.audit
      ? { auditFor: (request: string) => options.toolSet.audit?.('run', request) }
      : {}),
  });

  for (const request of options.requests) {
    // Routed once: the dry run's check and the agent read the same answer.
    const route = routeRequest(request);
    if (options.dryRun && !options.client && !route.routed) {
      reports.push({
        request,
        routed: false,
        ok: false,
        calls: [],
        error: {
          kind: 'no_model',
          message: 'not a fast-path request and no model is configured: nothing to plan',
        },
      });
      exitCode = RUN_EXIT.usage;
      break;
    }
    const outcome: TurnOutcome = await agent.send(request, options.signal, route);
    const report: RequestReport = {
      request,
      routed: outcome.routed,
      ok: outcome.ok,
      calls: outcome.calls.map((record) =>
        options.dryRun
          ? { tool: record.tool, args: record.args, ...(record.plan ? { plan: record.plan } : {}) }
          : {
              tool: record.tool,
              args: record.args,
              status: record.status,
              ...(record.change ? { change: record.change } : {}),
              ...(record.plan ? { plan: record.plan } : {}),
              ...(record.unchanged ? { unchanged: true } : {}),
              ...(record.result ? { result: record.result } : {}),
            },
      ),
      ...(outcome.routed || !outcome.text ? {} : { answer: outcome.text }),
      ...(outcome.error ? { error: outcome.error } : {}),
    };
    reports.push(report);
    if (!options.json) {
      if (!outcome.routed && outcome.text) options.write('\n');
      for (const record of outcome.calls) options.write(`${record.text}\n`);
      if (outcome.error) options.writeError(`todo-ops: ${redactText(outcome.error.message)}\n`);
    }
    const declined = outcome.calls.filter((record) => record.status === 'declined');
    if (declined.length) {
      exitCode = RUN_EXIT.needsConfirmation;
      if (!options.json)
        options.writeError(
          options.yes
            ? 'todo-ops: nothing was changed: --yes covers only the changes a request states itself.\n'
            : 'todo-ops: nothing was changed; re-run with --yes to apply.\n',
        );
      break;
    }
    if (outcome.error) {
      exitCode = outcome.error.kind === 'no_model' ? RUN_EXIT.usage : RUN_EXIT.failed;
      break;
    }
    if (outcome.calls.some((record) => record.status === 'failed') && outcome.routed) {
      exitCode = RUN_EXIT.failed;
      break;
    }
  }

  if (options.json) {
    const shape = (report: RequestReport) =>
      options.dryRun
        ? {
            request: report.request,
            routed: report.routed,
            calls: report.calls,
            ...(report.error ? { error: report.error } : {}),
          }
        : report;
    const single = options.requests.length === 1 && reports[0];
    options.write(
      `${JSON.stringify(single ? shape(single) : { requests: reports.map(shape) }, null, 2)}\n`,
    );
  }
  return exitCode;
}
