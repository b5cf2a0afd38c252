/** `scale`: backend or frontend replicas through `helm upgrade --reuse-values --set`, then waits for ready. */
import { z } from 'zod';
import {
  chartMissing,
  componentPods,
  findWorkload,
  formatDuration,
  guard,
  podRowSchema,
  podTable,
  waitFor,
  workloadProgress,
} from './common.js';
import { fail, ok, onFirstUse, type ToolResult } from './contract.js';
import type { OpsContext, OpsTool } from './deps.js';
import { COMPONENTS } from './names.js';
import { previewScale } from './previews.js';

const output = onFirstUse(() =>
  z.object({
    component: z.enum(COMPONENTS).describe('the component scaled'),
    from: z.number().int().nullable().describe('replicas before (null when unknown)'),
    to: z.number().int().describe('replicas asked for'),
    ready: z.number().int().describe('pods ready afterwards'),
    revision: z.number().int().describe('Helm revision after the change'),
    command: z.string().describe('the helm command that made the change'),
    pods: z.array(podRowSchema()).describe('the pods of the component afterwards'),
  }),
);

/** What `scale` returns. */
export type ScaleData = z.infer<ReturnType<typeof output>>;

const input = z.object({
  component: z.enum(COMPONENTS).describe('Which component to scale: backend or frontend.'),
  replicas: z
    .number()
    .int()
    .min(0)
    .max(100)
    .describe('Desired number of replicas (0 up to the configured maximum, 10 by default).'),
});

/** Counts the pods of a component that are running with every container ready. */
const readyCount = (pods: ScaleData['pods']) =>
  pods.filter((p) => p.status === 'Running' && p.ready.split('/')[0] === p.ready.split('/')[1])
    .length;

/**
 * In the cluster (the chart's ops server) there is no helm and the Role may not apply the
 * release: the Deployment's scale subresource is set instead, and the release keeps its
 * value until the next `helm upgrade` (which takes replicas back, --force-conflicts).
 */
async function scaleThroughApi(
  args: z.infer<typeof input>,
  ctx: OpsContext,
  revision: number,
  from: number | null,
  deployment: string,
): Promise<ToolResult<ScaleData>> {
  const { namespace, readyTimeoutSeconds } = ctx.deps.config;
  const command = `kubectl scale deployment/${deployment} --replicas=${args.replicas}`;
  ctx.progress?.({
    message: `scale ${args.component} ${from ?? '?'} -> ${args.replicas} (${command})`,
  });
  const started = Date.now();
  await ctx.deps.kube.scaleDeployment(namespace, deployment, args.replicas);
  const done = await waitFor(
    async () => {
      const current = await ctx.deps.kube.readDeployment(namespace, deployment);
      const progress = current ? workloadProgress(current) : undefined;
      return progress?.done && progress.desired === args.replicas ? progress : undefined;
    },
    {
      timeoutMs: readyTimeoutSeconds * 1000,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    },
  );
  const pods = await componentPods(ctx, args.component);
  const data = {
    component: args.component,
    from,
    to: args.replicas,
    ready: readyCount(pods),
    revision,
    command,
    pods,
  };
  if (!done)
    return fail(
      'timeout',
      `${args.component} did not reach ${args.replicas} ready replicas within ${readyTimeoutSeconds} s`,
      'run `todo-ops diagnose` to see why the pods are not ready',
      data,
    );
  return ok(
    `${args.component} ${from ?? '?'} -> ${args.replicas} replicas: ${data.ready}/${args.replicas} ready in ${formatDuration(Date.now() - started)} (Deployment scaled; release revision ${revision} keeps ${args.component}.replicas until the next helm upgrade)`,
    data,
  );
}

/** Scales a component through Helm so the release stays the source of truth. */
export const scaleTool: OpsTool<typeof input, ScaleData> = {
  name: 'scale',
  title: 'Scale a component',
  description:
    "Set the number of replicas of the backend or the frontend. Runs `helm upgrade --reuse-values --set <component>.replicas=N` on the release (in the in-cluster server: the Deployment's scale subresource) and waits until the pods are ready. Changes the cluster.",
  input,
  get output() {
    return output();
  },
  effect: 'write',
  idempotent: true,
  positionals: ['component', 'replicas'],
  plan: (args, deps) =>
    deps.config.inCluster
      ? `scale ${args.component} to ${args.replicas} replicas (the ${args.component} Deployment's scale subresource; the release keeps ${args.component}.replicas until the next helm upgrade)`
      : `scale ${args.component} to ${args.replicas} replicas (helm upgrade --reuse-values --set ${args.component}.replicas=${args.replicas})`,
  preview: (args, deps, signal) => previewScale(args, deps, signal),
  view: (data) => [podTable(data.pods)],
  run: (args, ctx) =>
    guard(ctx, async () => {
      const { release, namespace, maxReplicas, chartPath, helmTimeoutSeconds, inCluster } =
        ctx.deps.config;
      if (args.replicas > maxReplicas)
        return fail(
          'invalid_input',
          `${args.replicas} replicas is above the limit of ${maxReplicas}`,
          `choose 0..${maxReplicas} (the limit is TODO_OPS_MAX_REPLICAS)`,
        );
      if (!inCluster) {
        const missing = chartMissing(ctx);
        if (missing) return missing;
      }
      const status = await ctx.deps.helm.status(release);
      if (!status)
        return fail(
          'not_found',
          `${release} is not deployed in ${namespace}`,
          'deploy it first: todo-ops deploy',
        );
      const values = await ctx.deps.helm.getValues(release, true);
      const autoscaling = (
        values[args.component] as { autoscaling?: { enabled?: boolean } } | undefined
      )?.autoscaling;
      if (autoscaling?.enabled)
        return fail(
          'conflict',
          `${args.component} is autoscaled (HPA on): the chart ignores ${args.component}.replicas`,
          `change the bounds instead (todo-ops deploy --set ${args.component}.autoscaling.minReplicas=N), or turn the HPA off with --set ${args.component}.autoscaling.enabled=false`,
        );
      const before = await findWorkload(ctx, args.component);
      const from = before?.obj.spec?.replicas ?? null;
      if (inCluster) {
        if (before?.kind !== 'Deployment')
          return fail(
            'not_found',
            `no ${args.component} Deployment of ${release} in ${namespace}`,
            'check `todo-ops status`',
          );
        return scaleThroughApi(args, ctx, status.revision, from, before.obj.metadata?.name ?? '');
      }
      const key = `${args.component}.replicas`;
      const command = `helm upgrade ${release} --reuse-values --set ${key}=${args.replicas}`;
      ctx.progress?.({
        message: `scale ${args.component} ${from ?? '?'} -> ${args.replicas} (${command})`,
      });
      const started = Date.now();
      const result = await ctx.deps.helm.upgrade(
        {
          release,
          chart: chartPath,
          reuseValues: true,
          set: { [key]: args.replicas },
          wait: true,
          // The release is the source of truth: a replica count someone changed behind
          // Helm's back (kubectl scale, another MCP server) must not block this change.
          forceConflicts: true,
          timeoutSeconds: helmTimeoutSeconds,
        },
        (line) => ctx.progress?.({ message: line }),
      );
      const pods = await componentPods(ctx, args.component);
      const ready = readyCount(pods);
      return ok(
        `${args.component} ${from ?? '?'} -> ${args.replicas} replicas: ${ready}/${args.replicas} ready in ${formatDuration(Date.now() - started)} (revision ${result.revision})`,
        {
          component: args.component,
          from,
          to: args.replicas,
          ready,
          revision: result.revision,
          command,
          pods,
        },
      );
    }),
};
