/**
 * One read of everything the release consists of: Helm status, workloads, pods, services
 * with their endpoints, ingresses, PVCs and events. `status` renders it; `diagnose` runs its
 * analyzers over it.
 */
import type {
  CoreV1Event,
  V1Deployment,
  V1EndpointSlice,
  V1Ingress,
  V1IngressClass,
  V1Node,
  V1PersistentVolumeClaim,
  V1Pod,
  V1ReplicaSet,
  V1Service,
  V1StatefulSet,
  V1StorageClass,
} from '@kubernetes/client-node';
import { releaseSelector } from './common.js';
import type { ToolDeps } from './deps.js';
import type { HelmReleaseStatus, HelmRevision } from './platform/helm.js';

/** A snapshot of the release on the cluster. */
export interface ReleaseState {
  namespace: string;
  release: string;
  namespaceExists: boolean;
  helm: HelmReleaseStatus | undefined;
  history: HelmRevision[];
  pods: V1Pod[];
  deployments: V1Deployment[];
  statefulSets: V1StatefulSet[];
  services: V1Service[];
  endpointSlices: V1EndpointSlice[];
  ingresses: V1Ingress[];
  ingressClasses: V1IngressClass[] | undefined;
  pvcs: V1PersistentVolumeClaim[];
  events: CoreV1Event[];
  nodes: V1Node[] | undefined;
  /** Pod name -> recent log lines (crashing containers: the previous run). */
  logs: Record<string, string>;
  /** The release's ReplicaSets (read for a rollout: which pods are the new ones). */
  replicaSets?: V1ReplicaSet[];
  /** The cluster's StorageClasses (read for a rollout); undefined when not read or not allowed. */
  storageClasses?: V1StorageClass[];
}

/** What to read beyond the objects. */
export interface ReadOptions {
  history?: boolean;
  events?: boolean;
  nodes?: boolean;
  /** ReplicaSets and StorageClasses too: what a rollout's verdict needs beyond diagnose. */
  rollout?: boolean;
}

/** Reads the release's state; throws KubeError/HelmError on cluster failures. */
export async function readReleaseState(
  deps: ToolDeps,
  options: ReadOptions = {},
): Promise<ReleaseState> {
  const { namespace, release } = deps.config;
  const kube = deps.kube;
  const empty: ReleaseState = {
    namespace,
    release,
    namespaceExists: false,
    helm: undefined,
    history: [],
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
  };
  if (!(await kube.namespaceExists(namespace))) return empty;
  const sel = releaseSelector(release);
  const helm = await deps.helm.status(release);
  const [pods, deployments, statefulSets, services, endpointSlices, ingresses, pvcs] =
    await Promise.all([
      kube.listPods(namespace, sel),
      kube.listDeployments(namespace, sel),
      kube.listStatefulSets(namespace, sel),
      kube.listServices(namespace, sel),
      kube.listEndpointSlices(namespace),
      kube.listIngresses(namespace, sel),
      kube.listPersistentVolumeClaims(namespace),
    ]);
  const [events, nodes, ingressClasses, history, replicaSets, storageClasses] = await Promise.all([
    options.events ? kube.listEvents(namespace) : Promise.resolve([]),
    options.nodes ? kube.listNodes() : Promise.resolve(undefined),
    ingresses.length ? kube.listIngressClasses() : Promise.resolve(undefined),
    options.history && helm ? deps.helm.history(release) : Promise.resolve([]),
    options.rollout ? kube.listReplicaSets(namespace, sel) : Promise.resolve(undefined),
    options.rollout ? kube.listStorageClasses() : Promise.resolve(undefined),
  ]);
  return {
    ...empty,
    namespaceExists: true,
    helm,
    history,
    pods: sortByName(pods),
    deployments: sortByName(deployments),
    statefulSets: sortByName(statefulSets),
    services: sortByName(services),
    endpointSlices,
    ingresses,
    ingressClasses,
    pvcs: pvcs.filter((pvc) => belongsToRelease(pvc, release)),
    events,
    nodes,
    ...(replicaSets ? { replicaSets } : {}),
    ...(storageClasses ? { storageClasses } : {}),
  };
}

function sortByName<T extends { metadata?: { name?: string } }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
}

/** PVCs of a StatefulSet carry its labels, or at least its release name in their own name. */
function belongsToRelease(pvc: V1PersistentVolumeClaim, release: string): boolean {
  const labels = pvc.metadata?.labels ?? {};
  return (
    labels['app.kubernetes.io/instance'] === release || (pvc.metadata?.name ?? '').includes(release)
  );
}

/** Ready endpoint addresses behind a Service. */
export function readyEndpoints(service: V1Service, slices: V1EndpointSlice[]): number {
  const name = service.metadata?.name;
  return slices
    .filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === name)
    .flatMap((s) => s.endpoints ?? [])
    .filter((e) => e.conditions?.ready !== false).length;
}
