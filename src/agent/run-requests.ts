/**
 * Non-interactive requests (`todo-ops run`): each request goes through the same agent as the
 * chat, with a confirmation policy fixed up front: `--yes` approves write and destructive
 * calls, otherwise they are refused and reported with what they would have done.
 */
import type { ToolResult } from '../../tools/contract.js';
import type { ToolArgs } from './calls.js';
import { Agent, type CallRecord, type TurnOutcome } from './loop.js';
import { formatResultText } from './mappers.js';
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
    PlannedJson & { status?: CallRecord['status']; change?: string; result?: ToolResult }
  >;
  answer?: string;
  error?: { kind: string; message: string };
}

function describeRecord(record: CallRecord, format: typeof formatResultText): string {
  const mark = record.status === 'ok' ? '✓' : record.status === 'planned' ? '·' : '✗';
  if (record.status === 'declined')
    return `${mark} ${record.tool}: refused without --yes: would ${record.change ?? 'change the cluster'}`;
  const body = record.result ? format(record.tool, record.result) : '';
  return `${mark} ${record.tool} ${JSON.stringify(record.args)}${body ? `\n${body.replace(/^/gm, '  ')}` : ''}`;
}

/** Runs the requests in order, stopping at the first that fails; returns the exit code. */
export async function runRequests(options: RunOptions): Promise<number> {
  const format = options.toolSet.format ?? formatResultText;
  const reports: RequestReport[] = [];
  let exitCode: number = RUN_EXIT.ok;
  const agent = new Agent({
    tools: options.toolSet.tools,
    deps: options.toolSet.deps,
    ...(options.client ? { client: options.client } : {}),
    settings: options.settings,
    systemPrompt: options.systemPrompt,
    dryRun: options.dryRun,
    confirm: async () => options.yes,
    onEvent: (event) => {
      if (!options.json && event.type === 'text') options.write(event.delta);
    },
  });

  for (const request of options.requests) {
    if (options.dryRun && !options.client && !routeRequest(request).routed) {
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
    const outcome: TurnOutcome = await agent.send(request, options.signal);
    const report: RequestReport = {
      request,
      routed: outcome.routed,
      ok: outcome.ok,
      calls: outcome.calls.map((record) =>
        options.dryRun
          ? { tool: record.tool, args: record.args }
          : {
              tool: record.tool,
              args: record.args,
              status: record.status,
              ...(record.change ? { change: record.change } : {}),
              ...(record.result ? { result: record.result } : {}),
            },
      ),
      ...(outcome.routed || !outcome.text ? {} : { answer: outcome.text }),
      ...(outcome.error ? { error: outcome.error } : {}),
    };
    reports.push(report);
    if (!options.json) {
      if (!outcome.routed && outcome.text) options.write('\n');
      for (const record of outcome.calls) options.write(`${describeRecord(record, format)}\n`);
      if (outcome.error) options.writeError(`todo-ops: ${outcome.error.message}\n`);
    }
    const declined = outcome.calls.filter((record) => record.status === 'declined');
    if (declined.length && !options.yes) {
      exitCode = RUN_EXIT.needsConfirmation;
      if (!options.json)
        options.writeError('todo-ops: nothing was changed; re-run with --yes to apply.\n');
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
