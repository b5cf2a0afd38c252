/** `status`: the release, its pods (ready/restarts/age), services with endpoints, ingress. */
import { z } from 'zod';
import { readReleaseState, readyEndpoints } from './cluster-state.js';
import { componentOf, guard, type PodRow, podRow, workloadProgress } from './common.js';
import { ok } from './contract.js';
import type { OpsTool } from './deps.js';

/** What `status` returns. */
export interface StatusData {
  namespace: string;
  release: string;
  context: string;
  deployed: boolean;
  helm?: {
    revision: number;
    status: string;
    chart?: string;
    appVersion?: string;
    updated?: string;
  };
  workloads: Array<{
    kind: string;
    name: string;
    component: string;
    ready: number;
    desired: number;
  }>;
  pods: PodRow[];
  services: Array<{ name: string; type: string; ports: string; endpoints: number }>;
  ingresses: Array<{
    name: string;
    hosts: string[];
    address: string | null;
    className: string | null;
  }>;
  url?: string;
}

const input = z
  .object({})
  .describe('No input: the namespace and release come from the configuration.');

/** Shows what is running. */
export const statusTool: OpsTool<typeof input, StatusData> = {
  name: 'status',
  title: 'Release status',
  description:
    'Show the todo app release: Helm revision and status, pods with ready/restarts/age, services with their endpoints, and the ingress host and address. Read-only; use it first when asked what is running or whether the app is up.',
  input,
  effect: 'read',
  idempotent: true,
  run: (_input, ctx) =>
    guard(ctx, async () => {
      const { namespace, release } = ctx.deps.config;
      const state = await readReleaseState(ctx.deps);
      const now = new Date();
      const data: StatusData = {
        namespace,
        release,
        context: ctx.deps.kube.contextName,
        deployed: Boolean(state.helm),
        ...(state.helm
          ? {
              helm: {
                revision: state.helm.revision,
                status: state.helm.status,
                ...(state.helm.chart ? { chart: state.helm.chart } : {}),
                ...(state.helm.appVersion ? { appVersion: state.helm.appVersion } : {}),
                ...(state.helm.lastDeployed ? { updated: state.helm.lastDeployed } : {}),
              },
            }
          : {}),
        workloads: [
          ...state.deployments.map((d) => ({ kind: 'Deployment', obj: d })),
          ...state.statefulSets.map((s) => ({ kind: 'StatefulSet', obj: s })),
        ].map(({ kind, obj }) => {
          const p = workloadProgress(obj);
          return {
            kind,
            name: obj.metadata?.name ?? '',
            component: componentOf(obj) ?? '-',
            ready: p.ready,
            desired: p.desired,
          };
        }),
        pods: state.pods.map((pod) => podRow(pod, now)),
        services: state.services.map((svc) => ({
          name: svc.metadata?.name ?? '',
          type: svc.spec?.type ?? 'ClusterIP',
          ports: (svc.spec?.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(','),
          endpoints: readyEndpoints(svc, state.endpointSlices),
        })),
        ingresses: state.ingresses.map((ing) => ({
          name: ing.metadata?.name ?? '',
          hosts: (ing.spec?.rules ?? []).map((r) => r.host ?? '*'),
          address:
            (ing.status?.loadBalancer?.ingress ?? [])
              .map((a) => a.ip ?? a.hostname)
              .filter(Boolean)[0] ?? null,
          className: ing.spec?.ingressClassName ?? null,
        })),
      };
      const host = data.ingresses[0]?.hosts[0];
      if (host && host !== '*') data.url = `http://${host}/`;
      if (!state.namespaceExists || !state.helm) {
        return ok(
          `${release} is not deployed in namespace ${namespace} (context ${data.context}); deploy it with \`todo-ops deploy\``,
          data,
        );
      }
      const readyPods = data.pods.filter(
        (p) => p.status === 'Running' && p.ready.split('/')[0] === p.ready.split('/')[1],
      ).length;
      const workloads = data.workloads
        .map((w) => `${w.component} ${w.ready}/${w.desired}`)
        .join(', ');
      return ok(
        `${release} revision ${state.helm.revision} ${state.helm.status} in ${namespace}: ${readyPods}/${data.pods.length} pods ready${workloads ? ` (${workloads})` : ''}${data.url ? `; ${data.url}` : ''}`,
        data,
      );
    }),
};
