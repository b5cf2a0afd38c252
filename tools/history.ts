/** `history`: the Helm revisions of the release. */
import { z } from 'zod';
import { guard } from './common.js';
import { fail, ok } from './contract.js';
import type { OpsTool } from './deps.js';
import type { HelmRevision } from './platform/helm.js';

const input = z.object({}).describe('No input: the release comes from the configuration.');

/** Lists revisions. */
export const historyTool: OpsTool<typeof input, { revisions: HelmRevision[] }> = {
  name: 'history',
  title: 'Release history',
  description:
    'List the Helm revisions of the release (revision, time, status, chart, description), newest last. Use before a rollback. Read-only.',
  input,
  effect: 'read',
  idempotent: true,
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
