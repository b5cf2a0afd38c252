/** `logs`: recent log lines of a component or a pod, redacted. */
import { z } from 'zod';
import { guard, parseDuration, releaseSelector, WORKLOAD_COMPONENTS } from './common.js';
import { fail, ok, onFirstUse } from './contract.js';
import type { OpsTool } from './deps.js';

const output = onFirstUse(() =>
  z.object({
    pods: z
      .array(
        z.object({
          pod: z.string().describe('pod name'),
          container: z.string().optional().describe('container read'),
          previous: z.boolean().describe('true for the previous (crashed) container'),
          lines: z.array(z.string()).describe('log lines, oldest first, secrets masked'),
          error: z.string().optional().describe('why this pod gave no lines'),
        }),
      )
      .describe('one block per pod'),
  }),
);

/** What `logs` returns: one block per pod. */
export type LogsData = z.infer<ReturnType<typeof output>>;

const input = z.object({
  component: z
    .enum(WORKLOAD_COMPONENTS)
    .optional()
    .describe(
      'Component whose pods to read: backend, frontend or postgresql. Omit when giving a pod.',
    ),
  pod: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/)
    .max(253)
    .optional()
    .describe('Exact pod name (from status). Omit to read every pod of the component.'),
  tail: z
    .number()
    .int()
    .min(1)
    .max(5000)
    .default(100)
    .describe('Number of most recent lines per pod (default 100).'),
  since: z
    .string()
    .regex(/^\d+\s*[smhd]?$/i)
    .optional()
    .describe('Only lines newer than this, e.g. 30s, 10m, 2h.'),
  previous: z
    .boolean()
    .optional()
    .describe('Read the previous (crashed) container instead of the current one.'),
});

/** Reads pod logs. */
export const logsTool: OpsTool<typeof input, LogsData> = {
  name: 'logs',
  title: 'Pod logs',
  description:
    'Read recent log lines of the backend, frontend or postgresql pods (or one pod by name): tail, since, and the previous container after a crash. Secrets in the output are redacted. Read-only.',
  input,
  get output() {
    return output();
  },
  effect: 'read',
  idempotent: true,
  positionals: ['component'],
  view: (data) =>
    data.pods.map((block) => ({
      kind: 'text',
      text: `==> ${block.pod}${block.previous ? ' (previous)' : ''} <==\n${block.error ? `(${block.error})` : block.lines.join('\n')}`,
    })),
  run: (args, ctx) =>
    guard(ctx, async () => {
      const { namespace, release } = ctx.deps.config;
      if (!args.component && !args.pod)
        return fail(
          'invalid_input',
          'logs needs a component or a pod',
          'e.g. component "backend", or a pod name from status',
        );
      const sinceSeconds = args.since ? parseDuration(args.since) : undefined;
      const pods = await ctx.deps.kube.listPods(
        namespace,
        releaseSelector(release, args.pod ? undefined : args.component),
      );
      const chosen = args.pod ? pods.filter((p) => p.metadata?.name === args.pod) : pods;
      if (chosen.length === 0)
        return fail(
          'not_found',
          args.pod
            ? `pod ${args.pod} is not part of ${release} in ${namespace}`
            : `no ${args.component} pods in ${namespace}`,
          'list the pods with `todo-ops status`',
        );
      const blocks: LogsData['pods'] = [];
      for (const pod of chosen) {
        const name = pod.metadata?.name ?? '';
        const container = pod.spec?.containers?.[0]?.name;
        try {
          const text = await ctx.deps.kube.readPodLog(namespace, name, {
            ...(container ? { container } : {}),
            tailLines: args.tail,
            ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
            ...(args.previous ? { previous: true } : {}),
          });
          blocks.push({
            pod: name,
            ...(container ? { container } : {}),
            previous: Boolean(args.previous),
            lines: text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1),
          });
        } catch (error) {
          // One pod without logs (not started yet, no previous container) must not hide the others.
          blocks.push({
            pod: name,
            previous: Boolean(args.previous),
            lines: [],
            error: (error as Error).message,
          });
        }
      }
      const lines = blocks.reduce((n, b) => n + b.lines.length, 0);
      const what =
        args.pod ?? `${args.component} (${blocks.length} pod${blocks.length === 1 ? '' : 's'})`;
      if (blocks.every((b) => b.error))
        return fail(
          'not_found',
          `no logs for ${what}: ${blocks[0]?.error}`,
          'the container may not have started yet; see `todo-ops events`',
          { pods: blocks },
        );
      return ok(
        `${lines} log line${lines === 1 ? '' : 's'} from ${what}${args.previous ? ', previous container' : ''}`,
        { pods: blocks },
      );
    }),
};
