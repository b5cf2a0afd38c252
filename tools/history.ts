/**
 * `history`: the Helm revisions of the release, each with who asked for it and why when the
 * audit log (tools/audit-log.ts) has the change that made it.
 */
import { z } from 'zod';
import { type AuditEntry, auditLogPath, readAudit } from './audit-log.js';
import { guard } from './common.js';
import { fail, ok, onFirstUse } from './contract.js';
import type { OpsTool } from './deps.js';

const output = onFirstUse(() =>
  z.object({
    revisions: z
      .array(
        z.object({
          revision: z.number().int().describe('revision number'),
          updated: z.string().describe('when it was made'),
          status: z.string().describe('deployed, superseded, failed, ...'),
          chart: z.string().describe('chart name-version'),
          appVersion: z.string().describe("the chart's appVersion"),
          description: z
            .string()
            .describe('what Helm did: Install complete, Upgrade complete, ...'),
          asked: z
            .object({
              time: z.string().describe('when the change finished'),
              door: z
                .string()
                .describe('chat, run, cli, mcp, or auto (todo-ops undoing a failed change)'),
              origin: z.string().describe('user (their own words), model, client, or todo-ops'),
              request: z.string().describe('the request as typed'),
              tool: z.string().describe('the tool that made the change'),
              outcome: z.string().describe('ok, or failed (then rolled back or kept)'),
            })
            .optional()
            .describe('who asked for this revision and why, from the audit log'),
        }),
      )
      .describe('revisions, newest last'),
  }),
);

/**
 * The change that made a revision: the first logged change, finished after the revision was
 * written, whose revisions before and after bracket it (a failed upgrade that was rolled
 * back made two revisions, both its own).
 */
export function askedFor(
  revision: number,
  updated: string,
  entries: readonly AuditEntry[],
): z.infer<ReturnType<typeof output>>['revisions'][number]['asked'] {
  const made = Date.parse(updated);
  const entry = entries
    .filter(
      (e) =>
        e.revisionAfter !== undefined &&
        (e.revisionBefore ?? 0) < revision &&
        revision <= e.revisionAfter &&
        // a second after the revision at the latest: clocks of helm and the log may differ
        (Number.isNaN(made) || Date.parse(e.time) >= made - 1000),
    )
    .sort((a, b) => a.time.localeCompare(b.time))[0];
  return entry
    ? {
        time: entry.time,
        door: entry.door,
        origin: entry.origin,
        request: entry.request,
        tool: entry.tool,
        outcome: entry.outcome,
      }
    : undefined;
}

const input = z.object({}).describe('No input: the release comes from the configuration.');

/** Lists revisions. */
export const historyTool: OpsTool<typeof input, z.infer<ReturnType<typeof output>>> = {
  name: 'history',
  title: 'Release history',
  description:
    'List the Helm revisions of the release (revision, time, status, chart, description), newest last, each with who asked for it and why when the audit log has the change that made it. Use before a rollback. Read-only.',
  input,
  get output() {
    return output();
  },
  effect: 'read',
  idempotent: true,
  view: (data) =>
    data.revisions.length
      ? [
          {
            kind: 'table',
            columns: ['REVISION', 'UPDATED', 'STATUS', 'CHART', 'DESCRIPTION', 'ASKED'],
            rows: data.revisions.map((r) => [
              r.revision,
              r.updated.slice(0, 19).replace('T', ' '),
              r.status,
              r.chart,
              r.description,
              r.asked ? `${r.asked.door} (${r.asked.origin}): ${r.asked.request}` : '-',
            ]),
          },
        ]
      : [],
  run: (_args, ctx) =>
    guard(ctx, async () => {
      const { release, namespace } = ctx.deps.config;
      const status = await ctx.deps.helm.status(release);
      if (!status)
        return fail(
          'not_found',
          `${release} is not deployed in ${namespace}`,
          'deploy it first: todo-ops deploy',
        );
      const path = auditLogPath(ctx.deps.env);
      let context: string | undefined;
      try {
        context = ctx.deps.kube.contextName;
      } catch {
        context = ctx.deps.config.context;
      }
      const entries = (path ? readAudit(path) : []).filter(
        (e) =>
          e.release === release &&
          e.namespace === namespace &&
          (!context || !e.context || e.context === context),
      );
      const revisions = (await ctx.deps.helm.history(release)).map((r) => {
        const asked = askedFor(r.revision, r.updated, entries);
        return asked ? { ...r, asked } : r;
      });
      const last = revisions.at(-1);
      return ok(
        `${release}: ${revisions.length} revision${revisions.length === 1 ? '' : 's'}${last ? `, current ${last.revision} (${last.status})` : ''}`,
        { revisions },
      );
    }),
};
