/**
 * Helpers shared by the tools: the error guard that turns adapter failures into results,
 * label selectors of the chart, pod rows as people read them, and condition waits.
 */
import { existsSync } from 'node:fs';
import type {
  V1ContainerStatus,
  V1Deployment,
  V1Pod,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { z } from 'zod';
import { type DisplayBlock, fail, onFirstUse, type ToolResult } from './contract.js';
import type { OpsContext } from './deps.js';
import { HelmError } from './platform/helm.js';
import { KubeError } from './platform/kube.js';
import { scopeRefusal } from './scope.js';

/** Components whose workloads the chart labels (`app.kubernetes.io/component`). */
export const WORKLOAD_COMPONENTS = ['backend', 'frontend', 'postgresql'] as const;
/** A labelled component of the release. */
export type WorkloadComponent = (typeof WORKLOAD_COMPONENTS)[number];

/** Label selector of everything in the release, or of one component. */
export function releaseSelector(release: string, component?: string): string {
  return component
    ? `app.kubernetes.io/instance=${release},app.kubernetes.io/component=${component}`
    : `app.kubernetes.io/instance=${release}`;
}

/** The component label of an object, if any. */
export function componentOf(obj: {
  metadata?: { labels?: Record<string, string> };
}): string | undefined {
  return obj.metadata?.labels?.['app.kubernetes.io/component'];
}

/**
 * Runs a tool body: checks the kube scope first (unless `cluster: false`) and turns
 * KubeError/HelmError into failure results. Redaction is not done here: the call pipeline
 * redacts everything once, where it leaves todo-ops.
 */
export async function guard<Data>(
  ctx: OpsContext,
  body: () => Promise<ToolResult<Data>>,
  options: { cluster?: boolean } = {},
): Promise<ToolResult<Data>> {
  try {
    if (options.cluster !== false) {
      const refusal = scopeRefusal(ctx.deps);
      if (refusal) return refusal;
    }
    return await body();
  } catch (error) {
    if (error instanceof KubeError || error instanceof HelmError)
      return fail(error.kind, error.message, error.hint);
    if (ctx.signal?.aborted || (error instanceof Error && error.name === 'AbortError'))
      return fail('cancelled', 'cancelled', 'run the tool again when ready');
    throw error;
  }
}

/** One pod as people read it (the rows of `kubectl get pods`). */
export const podRowSchema = onFirstUse(() =>
  z.object({
    name: z.string().describe('pod name'),
    component: z.string().describe('backend, frontend, postgresql, or - when unlabelled'),
    ready: z.string().describe('ready containers / containers, e.g. 1/1'),
    status: z.string().describe("kubectl's STATUS column: Running, CrashLoopBackOff, ..."),
    restarts: z.number().int().describe('container restarts'),
    age: z.string().describe('age like kubectl: 9s, 14m, 3h, 2d'),
    node: z.string().describe('node name, or -'),
  }),
);
/** One pod as people read it. */
export type PodRow = z.infer<ReturnType<typeof podRowSchema>>;

/** Pods as the `kubectl get pods` table. */
export function podTable(pods: PodRow[]): DisplayBlock {
  return {
    kind: 'table',
    columns: ['POD', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    rows: pods.map((p) => [p.name, p.ready, p.status, p.restarts, p.age]),
  };
}

/** kubectl's STATUS column: a waiting/terminated reason wins over the phase. */
export function podStatusText(pod: V1Pod): string {
  if (pod.metadata?.deletionTimestamp) return 'Terminating';
  const statuses: V1ContainerStatus[] = [
    ...(pod.status?.initContainerStatuses ?? []).filter((s) => !s.ready),
    ...(pod.status?.containerStatuses ?? []),
  ];
  for (const s of statuses) {
    if (s.state?.waiting?.reason) return s.state.waiting.reason;
    if (s.state?.terminated?.reason && pod.status?.phase !== 'Succeeded')
      return s.state.terminated.reason;
  }
  return pod.status?.reason ?? pod.status?.phase ?? 'Unknown';
}

/** True when the pod is Running with every container ready. */
export function podIsReady(pod: V1Pod): boolean {
  return (
    pod.status?.phase === 'Running' &&
    !pod.metadata?.deletionTimestamp &&
    (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
  );
}

/** Sum of container restarts. */
export const podRestarts = (pod: V1Pod): number =>
  (pod.status?.containerStatuses ?? []).reduce((n, s) => n + (s.restartCount ?? 0), 0);

/** Short age like kubectl: 9s, 14m, 3h, 2d. */
export function formatAge(since: Date | string | undefined, now = new Date()): string {
  if (!since) return '-';
  const seconds = Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

/** Builds the row of a pod. */
export function podRow(pod: V1Pod, now = new Date()): PodRow {
  const containers = pod.spec?.containers?.length ?? 0;
  const ready = (pod.status?.containerStatuses ?? []).filter((s) => s.ready).length;
  return {
    name: pod.metadata?.name ?? '',
    component: componentOf(pod) ?? '-',
    ready: `${ready}/${containers}`,
    status: podStatusText(pod),
    restarts: podRestarts(pod),
    age: formatAge(pod.status?.startTime ?? pod.metadata?.creationTimestamp, now),
    node: pod.spec?.nodeName ?? '-',
  };
}

/** Ready/desired of a Deployment or StatefulSet, and whether its rollout is complete. */
export function workloadProgress(w: V1Deployment | V1StatefulSet): {
  desired: number;
  ready: number;
  updated: number;
  done: boolean;
} {
  const desired = w.spec?.replicas ?? 1;
  const ready = w.status?.readyReplicas ?? 0;
  const updated = w.status?.updatedReplicas ?? 0;
  const total = w.status?.replicas ?? 0;
  const observed = (w.status?.observedGeneration ?? 0) >= (w.metadata?.generation ?? 0);
  return {
    desired,
    ready,
    updated,
    done: observed && updated === desired && ready === desired && total === desired,
  };
}

/** Polls `check` until it returns a value, the deadline passes (undefined) or the signal aborts. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; signal?: AbortSignal },
): Promise<T | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 1000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() >= deadline || options.signal?.aborted) return undefined;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, interval);
      options.signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}

/** Parses durations like 30s, 10m, 2h, 1d into seconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const match = text.trim().match(/^(\d+)\s*(s|m|h|d)?$/i);
  if (!match?.[1]) return undefined;
  const n = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  const factor = ({ s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[unit];
  return factor === undefined ? undefined : n * factor;
}

/** Seconds as "11 s" / "2 min 5 s". */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  if (s < 60) return `${s < 10 ? s : Math.round(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** The Deployment (or, for postgresql, StatefulSet) of a component of the release. */
export async function findWorkload(
  ctx: OpsContext,
  component: string,
): Promise<
  | { kind: 'Deployment'; obj: V1Deployment }
  | { kind: 'StatefulSet'; obj: V1StatefulSet }
  | undefined
> {
  const { namespace, release } = ctx.deps.config;
  const sel = releaseSelector(release, component);
  const [deployment] = await ctx.deps.kube.listDeployments(namespace, sel);
  if (deployment) return { kind: 'Deployment', obj: deployment };
  const [statefulSet] = await ctx.deps.kube.listStatefulSets(namespace, sel);
  if (statefulSet) return { kind: 'StatefulSet', obj: statefulSet };
  return undefined;
}

/** The pod rows of one component, without pods already on their way out. */
export async function componentPods(ctx: OpsContext, component: string): Promise<PodRow[]> {
  const { namespace, release } = ctx.deps.config;
  const pods = await ctx.deps.kube.listPods(namespace, releaseSelector(release, component));
  const now = new Date();
  return pods
    .filter((p) => !p.metadata?.deletionTimestamp)
    .map((p) => podRow(p, now))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether the configured chart directory is there (deploy/scale/upgrade need it). */
export function chartMissing(ctx: OpsContext): ToolResult<never> | undefined {
  const chart = ctx.deps.config.chartPath;
  if (existsSync(`${chart}/Chart.yaml`)) return undefined;
  return fail(
    'missing_dependency',
    `the Helm chart is not at ${chart}`,
    'run todo-ops from its package, or point TODO_OPS_CHART at charts/todo-app',
  );
}
