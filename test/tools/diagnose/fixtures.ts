/** Real-shaped Kubernetes objects (as the API returns them) for analyzer tests. */
import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { ReleaseState } from '../../../tools/cluster-state.js';

export const NOW = new Date('2026-11-27T11:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

/** An empty state of release todo-app in namespace todo. */
export function state(parts: Partial<ReleaseState> = {}): ReleaseState {
  return {
    namespace: 'todo',
    release: 'todo-app',
    namespaceExists: true,
    helm: {
      name: 'todo-app',
      namespace: 'todo',
      revision: 1,
      status: 'deployed',
      description: 'Install complete',
    },
    history: [
      {
        revision: 1,
        updated: '2026-11-27T10:00:00Z',
        status: 'deployed',
        chart: 'todo-app-0.1.0',
        appVersion: '0.1.0',
        description: 'Install complete',
      },
    ],
    pods: [],
    deployments: [],
    statefulSets: [],
    services: [],
    endpointSlices: [],
    ingresses: [],
    ingressClasses: undefined,
    pvcs: [],
    events: [],
    nodes: undefined,
    logs: {},
    ...parts,
  };
}

/** A pod of a component; `status` overrides the container status of its one container. */
export function pod(
  name: string,
  component: string,
  container: Partial<V1ContainerStatus> = {},
  extra: Partial<V1Pod> = {},
): V1Pod {
  const ready = container.ready ?? true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'todo',
      creationTimestamp: minutesAgo(10),
      labels: {
        'app.kubernetes.io/name': 'todo-app',
        'app.kubernetes.io/instance': 'todo-app',
        'app.kubernetes.io/component': component,
      },
    },
    spec: {
      nodeName: 'kwok-node-0',
      containers: [
        {
          name: component,
          image: `todo-${component}:3f9c2a1b7d04`,
          imagePullPolicy: 'IfNotPresent',
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          readinessProbe: {
            httpGet: { path: '/health', port: 8000 as unknown as object },
          } as never,
        },
      ],
    },
    status: {
      phase: 'Running',
      startTime: minutesAgo(10),
      podIP: '10.0.0.5',
      conditions: [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Ready', status: ready ? 'True' : 'False' },
      ],
      containerStatuses: [
        {
          name: component,
          image: `todo-${component}:3f9c2a1b7d04`,
          imageID: '',
          ready,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: minutesAgo(10) } },
          ...container,
        },
      ],
    },
    ...extra,
  };
}

export { minutesAgo };
