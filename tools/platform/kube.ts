/**
 * The Kubernetes adapter over @kubernetes/client-node: the reads and the few writes the
 * tools need (rollout restart by pod-template annotation). Failures are thrown as
 * `KubeError` with a kind and a recovery hint; tools turn them into results.
 */

import { createRequire } from 'node:module';
import { createServer, type Socket } from 'node:net';
import type {
  CoreV1Event,
  KubeConfig,
  V1ConfigMap,
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
import type { ToolErrorKind } from '../contract.js';
import type * as KubeSdk from './kube-sdk.js';

/**
 * Set by the CLI bundle to its own build of kube-sdk.ts; from sources the package is loaded
 * directly.
 */
declare const TODO_OPS_KUBE_SDK: string | undefined;

let sdk: typeof KubeSdk | undefined;

/**
 * @kubernetes/client-node, loaded the first time a tool talks to the cluster: it is by far
 * the largest dependency, and most commands (--help, mcp tools/list, run --dry-run) never
 * need it. Loaded synchronously because a KubeClient answers `contextName` at once.
 */
function kubeSdk(): typeof KubeSdk {
  sdk ??= createRequire(import.meta.url)(
    typeof TODO_OPS_KUBE_SDK === 'string' ? TODO_OPS_KUBE_SDK : '@kubernetes/client-node',
  ) as typeof KubeSdk;
  return sdk;
}

/** A failed Kubernetes call, classified so tools can say how to recover. */
export class KubeError extends Error {
  constructor(
    readonly kind: ToolErrorKind,
    message: string,
    readonly hint: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'KubeError';
  }
}

/** Options for reading a pod's log. */
export interface LogOptions {
  container?: string;
  tailLines?: number;
  sinceSeconds?: number;
  previous?: boolean;
}

/** A local port that forwards to a pod's port through the API server (kubectl port-forward). */
export interface PortForwardHandle {
  /** The port on 127.0.0.1 that reaches the pod. */
  readonly localPort: number;
  /** Stops listening and closes every forwarded connection. */
  close(): Promise<void>;
}

/** A workload whose pods can be restarted. */
export type WorkloadKind = 'Deployment' | 'StatefulSet';

/** What the tools need from Kubernetes. Namespaced calls take the namespace explicitly. */
export interface KubeClient {
  /** The kube context in use. */
  readonly contextName: string;
  /** The API server URL of that context. */
  readonly server: string | undefined;
  serverVersion(): Promise<string>;
  namespaceExists(namespace: string): Promise<boolean>;
  listPods(namespace: string, labelSelector?: string): Promise<V1Pod[]>;
  listDeployments(namespace: string, labelSelector?: string): Promise<V1Deployment[]>;
  readDeployment(namespace: string, name: string): Promise<V1Deployment | undefined>;
  /** ReplicaSets (a Deployment's current one tells its new pods from the old). */
  listReplicaSets(namespace: string, labelSelector?: string): Promise<V1ReplicaSet[]>;
  listStatefulSets(namespace: string, labelSelector?: string): Promise<V1StatefulSet[]>;
  readStatefulSet(namespace: string, name: string): Promise<V1StatefulSet | undefined>;
  listServices(namespace: string, labelSelector?: string): Promise<V1Service[]>;
  listEndpointSlices(namespace: string): Promise<V1EndpointSlice[]>;
  listIngresses(namespace: string, labelSelector?: string): Promise<V1Ingress[]>;
  /** Cluster-scoped; undefined when the caller may not list them. */
  listIngressClasses(): Promise<V1IngressClass[] | undefined>;
  listPersistentVolumeClaims(namespace: string): Promise<V1PersistentVolumeClaim[]>;
  /** ConfigMaps (Helm keeps release records in them with HELM_DRIVER=configmap). */
  listConfigMaps(namespace: string, labelSelector?: string): Promise<V1ConfigMap[]>;
  listEvents(namespace: string): Promise<CoreV1Event[]>;
  /** Cluster-scoped; undefined when the caller may not list them. */
  listNodes(): Promise<V1Node[] | undefined>;
  /** Cluster-scoped; undefined when the caller may not list them. */
  listStorageClasses(): Promise<V1StorageClass[] | undefined>;
  readPodLog(namespace: string, pod: string, options?: LogOptions): Promise<string>;
  /** Key names of a Secret (never its values); undefined when the Secret does not exist. */
  readSecretKeys(namespace: string, name: string): Promise<string[] | undefined>;
  /**
   * The `release` payloads of a Helm release's records in Secrets (Helm's default storage:
   * `sh.helm.release.v1.<release>.v<N>`, labelled owner=helm,name=<release>), as Helm wrote
   * them (base64 of the gzipped release). Nothing else of those Secrets leaves this function.
   */
  listHelmReleaseSecrets(namespace: string, release: string): Promise<string[]>;
  /**
   * The decoded values of a Secret, for the redactor only (never a tool's result);
   * undefined when the Secret does not exist or may not be read.
   */
  readSecretValues(namespace: string, name: string): Promise<string[] | undefined>;
  /** `kubectl rollout restart`: stamps the pod template so the controller replaces pods. */
  restartWorkload(namespace: string, kind: WorkloadKind, name: string, at: Date): Promise<void>;
  /** `kubectl scale deployment`: sets replicas through the scale subresource. */
  scaleDeployment(namespace: string, name: string, replicas: number): Promise<void>;
  /**
   * Listens on 127.0.0.1 (a free port) and forwards each connection to `port` of the pod,
   * over the API server's port-forward subresource: no ingress, tunnel or kubectl needed.
   */
  portForward(namespace: string, pod: string, port: number): Promise<PortForwardHandle>;
}

/** Where to connect. */
export interface KubeTarget {
  kubeconfig?: string;
  context?: string;
}

/** Loads a kubeconfig and selects the context; throws KubeError when the context is unknown. */
export function loadKubeConfig(target: KubeTarget): KubeConfig {
  const kc = new (kubeSdk().KubeConfig)();
  try {
    if (target.kubeconfig) kc.loadFromFile(target.kubeconfig);
    else kc.loadFromDefault();
  } catch (error) {
    throw new KubeError(
      'not_found',
      `cannot read kubeconfig ${target.kubeconfig ?? '(default)'}: ${messageOf(error)}`,
      'pass --kubeconfig with a readable kubeconfig file, or set KUBECONFIG',
    );
  }
  if (target.context) {
    if (!kc.getContexts().some((c) => c.name === target.context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new KubeError(
        'not_found',
        `kube context "${target.context}" is not in the kubeconfig`,
        known.length
          ? `use one of: ${known.join(', ')}`
          : 'the kubeconfig has no contexts: start a cluster (todo-ops setup-cluster) first',
      );
    }
    kc.setCurrentContext(target.context);
  }
  // With no kubeconfig at all, client-node falls back to an unauthenticated
  // http://localhost:8080 context; saying so is clearer than failing on that address.
  if (
    !target.kubeconfig &&
    kc.getCurrentContext() === 'loaded-context' &&
    kc.getCurrentCluster()?.server === 'http://localhost:8080'
  ) {
    throw new KubeError(
      'not_found',
      'no kubeconfig found (KUBECONFIG is unset and ~/.kube/config does not exist)',
      'start a local cluster (todo-ops setup-cluster), or pass --kubeconfig <file>',
    );
  }
  if (!kc.getCurrentContext() || !kc.getCurrentCluster()) {
    throw new KubeError(
      'not_found',
      'no current kube context',
      'start a local cluster (todo-ops setup-cluster) or pass --context',
    );
  }
  return kc;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Maps any error from client-node to a KubeError with a hint. */
export function classifyKubeError(error: unknown, what: string, server?: string): KubeError {
  if (error instanceof KubeError) return error;
  if (error instanceof kubeSdk().ApiException) {
    const code = error.code;
    const reason = apiMessage(error.body) ?? error.message.split('\n')[0] ?? '';
    if (code === 401)
      return new KubeError(
        'forbidden',
        `${what}: unauthorized (401): ${reason}`,
        'the kube credentials are not accepted: refresh them (e.g. minikube update-context)',
        code,
      );
    if (code === 403)
      return new KubeError(
        'forbidden',
        `${what}: forbidden (403): ${reason}`,
        'the kube user lacks RBAC permission for this; use an account with access to the namespace',
        code,
      );
    if (code === 404)
      return new KubeError('not_found', `${what}: not found`, 'check the name and namespace', code);
    if (code === 409)
      return new KubeError(
        'conflict',
        `${what}: conflict: ${reason}`,
        'the object changed meanwhile; try again',
        code,
      );
    return new KubeError(
      'failed',
      `${what}: API server answered ${code}: ${reason}`,
      'check the API server',
      code,
    );
  }
  const text = `${messageOf(error)} ${causeText(error)}`;
  if (
    /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET|fetch failed|socket hang up/i.test(
      text,
    )
  )
    return new KubeError(
      'unreachable',
      `${what}: cannot reach the Kubernetes API server${server ? ` at ${server}` : ''} (${firstCode(text)})`,
      'is the cluster running? start it (todo-ops setup-cluster, or minikube start) or pick another --context',
    );
  return new KubeError('failed', `${what}: ${messageOf(error)}`, 'check the cluster and try again');
}

function causeText(error: unknown, depth = 0): string {
  if (!error || typeof error !== 'object' || depth > 4) return '';
  const rec = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  const parts: string[] = [];
  if (typeof rec.code === 'string') parts.push(rec.code);
  if (typeof rec.message === 'string') parts.push(rec.message);
  parts.push(causeText(rec.cause, depth + 1));
  // Happy-eyeballs connects fail with an AggregateError holding one error per address.
  if (Array.isArray(rec.errors))
    for (const inner of rec.errors) parts.push(causeText(inner, depth + 1));
  return parts.filter(Boolean).join(' ');
}

function firstCode(text: string): string {
  return (
    text.match(/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET/)?.[0] ??
    'connection failed'
  );
}

function apiMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as { message?: string };
      return parsed.message ?? body.slice(0, 200);
    } catch {
      return body.slice(0, 200) || undefined;
    }
  }
  if (body && typeof body === 'object' && 'message' in body) {
    return String((body as { message: unknown }).message);
  }
  return undefined;
}

/** The real client over a kubeconfig context. */
export function createKubeClient(target: KubeTarget): KubeClient {
  const kc = loadKubeConfig(target);
  const {
    AppsV1Api,
    CoreV1Api,
    DiscoveryV1Api,
    NetworkingV1Api,
    PatchStrategy,
    StorageV1Api,
    setHeaderOptions,
    VersionApi,
  } = kubeSdk();
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const networking = kc.makeApiClient(NetworkingV1Api);
  const discovery = kc.makeApiClient(DiscoveryV1Api);
  const storage = kc.makeApiClient(StorageV1Api);
  const version = kc.makeApiClient(VersionApi);
  const server = kc.getCurrentCluster()?.server;

  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw classifyKubeError(error, what, server);
    }
  };
  const orUndefinedOn404 = async <T>(
    what: string,
    fn: () => Promise<T>,
  ): Promise<T | undefined> => {
    try {
      return await call(what, fn);
    } catch (error) {
      if (error instanceof KubeError && error.status === 404) return undefined;
      throw error;
    }
  };
  const orUndefinedOn403 = async <T>(
    what: string,
    fn: () => Promise<T>,
  ): Promise<T | undefined> => {
    try {
      return await call(what, fn);
    } catch (error) {
      if (error instanceof KubeError && error.status === 403) return undefined;
      throw error;
    }
  };
  const sel = (labelSelector?: string) => (labelSelector ? { labelSelector } : {});

  const portForward = async (
    namespace: string,
    pod: string,
    port: number,
  ): Promise<PortForwardHandle> => {
    const forward = new (kubeSdk().PortForward)(kc);
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      forward
        .portForward(namespace, pod, [port], socket, null, socket)
        .then((ws) => {
          if (typeof ws === 'function') return;
          // The pod side closed: end the local connection too.
          ws.on('close', () => socket.end());
          ws.on('error', () => socket.destroy());
          socket.on('close', () => ws.close());
        })
        .catch(() => socket.destroy());
    });
    await call(
      `port-forward to pod ${pod}`,
      () =>
        new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve());
        }),
    );
    const address = server.address();
    const localPort = typeof address === 'object' && address ? address.port : 0;
    return {
      localPort,
      close: () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    };
  };

  return {
    portForward,
    contextName: kc.getCurrentContext(),
    server,
    serverVersion: () =>
      call('read server version', async () => (await version.getCode()).gitVersion),
    namespaceExists: async (namespace) => {
      try {
        await core.readNamespace({ name: namespace });
        return true;
      } catch (error) {
        const classified = classifyKubeError(error, `read namespace ${namespace}`, server);
        if (classified.status === 404) return false;
        // A namespaced Role (todo-ops in-cluster) cannot read Namespace objects: the
        // namespace exists as far as it can tell, and namespaced calls will say otherwise.
        if (classified.status === 403) return true;
        throw classified;
      }
    },
    listPods: (namespace, labelSelector) =>
      call(
        `list pods in ${namespace}`,
        async () => (await core.listNamespacedPod({ namespace, ...sel(labelSelector) })).items,
      ),
    listDeployments: (namespace, labelSelector) =>
      call(
        `list deployments in ${namespace}`,
        async () =>
          (await apps.listNamespacedDeployment({ namespace, ...sel(labelSelector) })).items,
      ),
    readDeployment: (namespace, name) =>
      orUndefinedOn404(`read deployment ${name}`, () =>
        apps.readNamespacedDeployment({ namespace, name }),
      ),
    listReplicaSets: (namespace, labelSelector) =>
      call(
        `list replicasets in ${namespace}`,
        async () =>
          (await apps.listNamespacedReplicaSet({ namespace, ...sel(labelSelector) })).items,
      ),
    listStatefulSets: (namespace, labelSelector) =>
      call(
        `list statefulsets in ${namespace}`,
        async () =>
          (await apps.listNamespacedStatefulSet({ namespace, ...sel(labelSelector) })).items,
      ),
    readStatefulSet: (namespace, name) =>
      orUndefinedOn404(`read statefulset ${name}`, () =>
        apps.readNamespacedStatefulSet({ namespace, name }),
      ),
    listServices: (namespace, labelSelector) =>
      call(
        `list services in ${namespace}`,
        async () => (await core.listNamespacedService({ namespace, ...sel(labelSelector) })).items,
      ),
    listEndpointSlices: (namespace) =>
      call(
        `list endpointslices in ${namespace}`,
        async () => (await discovery.listNamespacedEndpointSlice({ namespace })).items,
      ),
    listIngresses: (namespace, labelSelector) =>
      call(
        `list ingresses in ${namespace}`,
        async () =>
          (await networking.listNamespacedIngress({ namespace, ...sel(labelSelector) })).items,
      ),
    listIngressClasses: () =>
      orUndefinedOn403(
        'list ingress classes',
        async () => (await networking.listIngressClass()).items,
      ),
    listPersistentVolumeClaims: (namespace) =>
      call(
        `list persistentvolumeclaims in ${namespace}`,
        async () => (await core.listNamespacedPersistentVolumeClaim({ namespace })).items,
      ),
    listConfigMaps: (namespace, labelSelector) =>
      call(
        `list configmaps in ${namespace}`,
        async () =>
          (await core.listNamespacedConfigMap({ namespace, ...sel(labelSelector) })).items,
      ),
    listEvents: (namespace) =>
      call(
        `list events in ${namespace}`,
        async () => (await core.listNamespacedEvent({ namespace })).items,
      ),
    listNodes: () => orUndefinedOn403('list nodes', async () => (await core.listNode()).items),
    listStorageClasses: () =>
      orUndefinedOn403(
        'list storage classes',
        async () => (await storage.listStorageClass()).items,
      ),
    readPodLog: (namespace, pod, options = {}) =>
      call(`read log of pod ${pod}`, async () => {
        const text = await core.readNamespacedPodLog({
          namespace,
          name: pod,
          ...(options.container ? { container: options.container } : {}),
          ...(options.tailLines !== undefined ? { tailLines: options.tailLines } : {}),
          ...(options.sinceSeconds !== undefined ? { sinceSeconds: options.sinceSeconds } : {}),
          ...(options.previous ? { previous: true } : {}),
        });
        return typeof text === 'string' ? text : String(text ?? '');
      }),
    readSecretKeys: async (namespace, name) => {
      const secret = await orUndefinedOn404(`read secret ${name}`, () =>
        core.readNamespacedSecret({ namespace, name }),
      );
      if (!secret) return undefined;
      // Only the key names leave this function: values are never needed by a tool.
      return [...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})];
    },
    listHelmReleaseSecrets: (namespace, release) =>
      call(`list the release records of ${release} in ${namespace}`, async () =>
        (
          await core.listNamespacedSecret({
            namespace,
            labelSelector: `owner=helm,name=${release}`,
          })
        ).items
          .filter((secret) => secret.type === 'helm.sh/release.v1')
          .map((secret) => secret.data?.release)
          .filter((data): data is string => Boolean(data))
          .map((data) => Buffer.from(data, 'base64').toString('utf8')),
      ),
    readSecretValues: async (namespace, name) => {
      const secret = await orUndefinedOn403(`read secret ${name}`, () =>
        orUndefinedOn404(`read secret ${name}`, () =>
          core.readNamespacedSecret({ namespace, name }),
        ),
      );
      if (!secret) return undefined;
      return [
        ...Object.values(secret.data ?? {}).map((v) => Buffer.from(v, 'base64').toString('utf8')),
        ...Object.values(secret.stringData ?? {}),
      ];
    },
    scaleDeployment: (namespace, name, replicas) =>
      call(`scale deployment ${name}`, async () => {
        await apps.patchNamespacedDeploymentScale(
          { namespace, name, body: { spec: { replicas } } },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        );
      }),
    restartWorkload: (namespace, kind, name, at) =>
      call(`restart ${kind.toLowerCase()} ${name}`, async () => {
        const body = {
          spec: {
            template: {
              metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': at.toISOString() } },
            },
          },
        };
        const options = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
        if (kind === 'Deployment')
          await apps.patchNamespacedDeployment({ namespace, name, body }, options);
        else await apps.patchNamespacedStatefulSet({ namespace, name, body }, options);
      }),
  };
}
