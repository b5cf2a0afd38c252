/** `status`: the release, its pods (ready/restarts/age), services with endpoints, ingress. */
import { z } from 'zod';
import { readReleaseState, readyEndpoints } from './cluster-state.js';
import { componentOf, guard, podRow, podRowSchema, podTable, workloadProgress } from './common.js';
import { type DisplayBlock, ok, onFirstUse } from './contract.js';
import type { OpsTool } from './deps.js';

const output = onFirstUse(() =>
  z.object({
    namespace: z.string().describe('namespace of the release'),
    release: z.string().describe('Helm release name'),
    context: z.string().describe('kube context'),
    deployed: z.boolean().describe('whether Helm knows the release'),
    helm: z
      .object({
        revision: z.number().int().describe('current revision'),
        status: z.string().describe('deployed, failed, pending-upgrade, ...'),
        chart: z.string().optional().describe('chart name-version'),
        appVersion: z.string().optional().describe("the chart's appVersion"),
        updated: z.string().optional().describe('when the revision was deployed'),
      })
      .optional()
      .describe('the Helm release, when deployed'),
    workloads: z
      .array(
        z.object({
          kind: z.string().describe('Deployment or StatefulSet'),
          name: z.string().describe('object name'),
          component: z.string().describe('backend, frontend, postgresql'),
          ready: z.number().int().describe('ready replicas'),
          desired: z.number().int().describe('desired replicas'),
        }),
      )
      .describe('Deployments and StatefulSets of the release'),
    pods: z.array(podRowSchema()).describe('pods of the release'),
    services: z
      .array(
        z.object({
          name: z.string().describe('service name'),
          type: z.string().describe('ClusterIP, NodePort, LoadBalancer'),
          ports: z.string().describe('port/protocol list'),
          endpoints: z.number().int().describe('ready endpoint addresses behind it'),
        }),
      )
      .describe('services of the release'),
    ingresses: z
      .array(
        z.object({
          name: z.string().describe('ingress name'),
          hosts: z.array(z.string()).describe('hosts it routes'),
          address: z.string().nullable().describe('load balancer address, null until assigned'),
          className: z.string().nullable().describe('ingress class'),
        }),
      )
      .describe('ingresses of the release'),
    url: z.string().optional().describe('the app URL from the ingress host'),
  }),
);

/** What `status` returns. */
export type StatusData = z.infer<ReturnType<typeof output>>;

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
  get output() {
    return output();
  },
  effect: 'read',
  idempotent: true,
  view: (data) => {
    const blocks: DisplayBlock[] = [];
    if (data.workloads.length)
      blocks.push({
        kind: 'table',
        columns: ['WORKLOAD', 'COMPONENT', 'READY'],
        rows: data.workloads.map((w) => [
          `${w.kind.toLowerCase()}/${w.name}`,
          w.component,
          `${w.ready}/${w.desired}`,
        ]),
      });
    if (data.pods.length) blocks.push(podTable(data.pods));
    if (data.services.length)
      blocks.push({
        kind: 'table',
        columns: ['SERVICE', 'TYPE', 'PORTS', 'ENDPOINTS'],
        rows: data.services.map((s) => [s.name, s.type, s.ports, s.endpoints]),
      });
    if (data.ingresses.length)
      blocks.push({
        kind: 'table',
        columns: ['INGRESS', 'HOSTS', 'ADDRESS'],
        rows: data.ingresses.map((i) => [i.name, i.hosts.join(','), i.address ?? '<none>']),
      });
    return blocks;
  },
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
