/** `history`: the Helm revisions of the release. */
import { z } from 'zod';
import { guard } from './common.js';
import { fail, ok } from './contract.js';
import type { OpsTool } from './deps.js';

const output = z.object({
  revisions: z
    .array(
      z.object({
        revision: z.number().int().describe('revision number'),
        updated: z.string().describe('when it was made'),
        status: z.string().describe('deployed, superseded, failed, ...'),
        chart: z.string().describe('chart name-version'),
        appVersion: z.string().describe("the chart's appVersion"),
        description: z.string().describe('what Helm did: Install complete, Upgrade complete, ...'),
      }),
    )
    .describe('revisions, newest last'),
});

const input = z.object({}).describe('No input: the release comes from the configuration.');

/** Lists revisions. */
export const historyTool: OpsTool<typeof input, z.infer<typeof output>> = {
  name: 'history',
  title: 'Release history',
  description:
    'List the Helm revisions of the release (revision, time, status, chart, description), newest last. Use before a rollback. Read-only.',
  input,
  output,
  effect: 'read',
  idempotent: true,
  view: (data) =>
    data.revisions.length
      ? [
          {
            kind: 'table',
            columns: ['REVISION', 'UPDATED', 'STATUS', 'CHART', 'DESCRIPTION'],
            rows: data.revisions.map((r) => [
              r.revision,
              r.updated.slice(0, 19).replace('T', ' '),
              r.status,
              r.chart,
              r.description,
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
      const revisions = await ctx.deps.helm.history(release);
      const last = revisions.at(-1);
      return ok(
        `${release}: ${revisions.length} revision${revisions.length === 1 ? '' : 's'}${last ? `, current ${last.revision} (${last.status})` : ''}`,
        { revisions },
      );
    }),
};
