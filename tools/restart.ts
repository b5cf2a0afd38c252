/** `restart`: a rolling restart of a component (pod-template annotation, like `kubectl rollout restart`). */
import { z } from 'zod';
import {
  componentPods,
  findWorkload,
  formatDuration,
  guard,
  podRowSchema,
  podTable,
  WORKLOAD_COMPONENTS,
  waitFor,
  workloadProgress,
} from './common.js';
import { fail, ok, onFirstUse } from './contract.js';
import type { OpsTool } from './deps.js';

const input = z.object({
  component: z
    .enum(WORKLOAD_COMPONENTS)
    .describe('Which component to restart: backend, frontend or postgresql.'),
});

const output = onFirstUse(() =>
  z.object({
    component: z.enum(WORKLOAD_COMPONENTS).describe('the component restarted'),
    workload: z.string().describe('the Deployment or StatefulSet whose pods were replaced'),
    ready: z.number().int().describe('pods ready afterwards'),
    desired: z.number().int().describe('replicas the workload wants'),
    pods: z.array(podRowSchema()).describe('the pods of the component afterwards'),
  }),
);

/** What `restart` returns. */
export type RestartData = z.infer<ReturnType<typeof output>>;

/** Rolls a component's pods. */
export const restartTool: OpsTool<typeof input, RestartData> = {
  name: 'restart',
  title: 'Restart a component',
  description:
    'Rolling restart of the backend, frontend or postgresql pods (new pods replace old ones one by one; the release values do not change). Waits until the new pods are ready. Changes the cluster.',
  input,
  get output() {
    return output();
  },
  effect: 'write',
  idempotent: false,
  positionals: ['component'],
  plan: (args) =>
    `restart the ${args.component} pods (rolling restart of its ${args.component === 'postgresql' ? 'statefulset' : 'deployment'})`,
  view: (data) => [podTable(data.pods)],
  run: (args, ctx) =>
    guard(ctx, async () => {
      const { namespace, release, readyTimeoutSeconds } = ctx.deps.config;
      const workload = await findWorkload(ctx, args.component);
      if (!workload)
        return fail(
          'not_found',
          `no ${args.component} workload of ${release} in ${namespace}`,
          'check `todo-ops status`; deploy first if needed',
        );
      const name = workload.obj.metadata?.name ?? '';
      const started = Date.now();
      await ctx.deps.kube.restartWorkload(namespace, workload.kind, name, new Date());
      ctx.progress?.({ message: `restarting ${workload.kind.toLowerCase()}/${name}` });
      const read =
        workload.kind === 'Deployment'
          ? () => ctx.deps.kube.readDeployment(namespace, name)
          : () => ctx.deps.kube.readStatefulSet(namespace, name);
      const done = await waitFor(
        async () => {
          const current = await read();
          if (!current) return undefined;
          const p = workloadProgress(current);
          ctx.progress?.({
            message: `${args.component}: ${p.updated}/${p.desired} updated, ${p.ready} ready`,
          });
          return p.done ? p : undefined;
        },
        {
          timeoutMs: readyTimeoutSeconds * 1000,
          intervalMs: 1000,
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        },
      );
      const pods = await componentPods(ctx, args.component);
      const desired = workload.obj.spec?.replicas ?? 1;
      if (!done)
        return fail(
          'timeout',
          `${args.component} did not finish restarting within ${readyTimeoutSeconds} s`,
          'run `todo-ops diagnose` to see why the new pods are not ready',
          { component: args.component, workload: name, ready: 0, desired, pods },
        );
      return ok(
        `${args.component} restarted: ${done.ready}/${done.desired} ready in ${formatDuration(Date.now() - started)}`,
        {
          component: args.component,
          workload: name,
          ready: done.ready,
          desired: done.desired,
          pods,
        },
      );
    }),
};
