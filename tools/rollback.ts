/** `rollback`: back to an earlier Helm revision (the previous one by default). */
import { z } from 'zod';
import { formatDuration, guard } from './common.js';
import { fail, ok, onFirstUse } from './contract.js';
import type { OpsTool } from './deps.js';
import { previewRollback } from './previews.js';

const input = z.object({
  revision: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Revision to return to (see history). Omit for the previous revision.'),
});

const output = onFirstUse(() =>
  z.object({
    from: z.number().int().describe('revision before the rollback'),
    to: z.number().int().describe('revision whose values and manifests were restored'),
    revision: z.number().int().describe('the new revision the rollback created'),
    status: z.string().describe('Helm status of the release afterwards'),
  }),
);

/** What `rollback` returns. */
export type RollbackData = z.infer<ReturnType<typeof output>>;

/** Rolls the release back. */
export const rollbackTool: OpsTool<typeof input, RollbackData> = {
  name: 'rollback',
  title: 'Roll back the release',
  description:
    'Roll the Helm release back to an earlier revision (default: the previous one) and wait until ready. Creates a new revision with the old values and manifests. Changes the cluster.',
  input,
  get output() {
    return output();
  },
  effect: 'write',
  idempotent: false,
  positionals: ['revision'],
  plan: (args) =>
    args.revision === undefined
      ? 'roll the release back to its previous revision (helm rollback)'
      : `roll the release back to revision ${args.revision} (helm rollback)`,
  // The summary says it all.
  preview: (args, deps) => previewRollback(args, deps),
  view: () => [],
  run: (args, ctx) =>
    guard(ctx, async () => {
      const { release, namespace, helmTimeoutSeconds } = ctx.deps.config;
      const status = await ctx.deps.helm.status(release);
      if (!status)
        return fail(
          'not_found',
          `${release} is not deployed in ${namespace}`,
          'deploy it first: todo-ops deploy',
        );
      const revisions = await ctx.deps.helm.history(release);
      const current = status.revision;
      const target =
        args.revision ?? revisions.filter((r) => r.revision < current).at(-1)?.revision;
      if (target === undefined)
        return fail(
          'invalid_input',
          `${release} has no revision before ${current}`,
          'nothing to roll back to; see `todo-ops history`',
        );
      if (!revisions.some((r) => r.revision === target))
        return fail(
          'invalid_input',
          `revision ${target} does not exist (known: ${revisions.map((r) => r.revision).join(', ')})`,
          'pick a revision from `todo-ops history`',
        );
      if (target === current)
        return fail(
          'invalid_input',
          `revision ${target} is already the current one`,
          'pick an earlier revision from `todo-ops history`',
        );
      ctx.progress?.({ message: `helm rollback ${release} ${target}` });
      const started = Date.now();
      await ctx.deps.helm.rollback(release, target, helmTimeoutSeconds);
      const after = await ctx.deps.helm.status(release);
      const revision = after?.revision ?? current + 1;
      return ok(
        `${release} rolled back from revision ${current} to ${target} (now revision ${revision}, ${after?.status ?? 'unknown'}) in ${formatDuration(Date.now() - started)}`,
        { from: current, to: target, revision, status: after?.status ?? 'unknown' },
      );
    }),
};
