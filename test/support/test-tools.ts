/**
 * The real tools of the registry over fake platform adapters: an in-memory release (Helm)
 * and cluster (Kubernetes) kept in a shared log, for agent, MCP, CLI and UI tests that run
 * without a cluster. Every tool keeps its own schemas, plan, view and run: only helm and
 * the Kubernetes API are stand-ins. Outputs are scriptable so a test can plant
 * instructions or secrets in "cluster" text (log lines, event messages).
 */
import type { CoreV1Event, V1Deployment, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import { loadConfig, type OpsConfig } from '../../tools/config.js';
import type { OpsTool, ToolDeps } from '../../tools/deps.js';
import { KnownSecrets, registerReleaseSecrets } from '../../tools/known-secrets.js';
import type { DockerClient } from '../../tools/platform/docker.js';
import type { ExecOutcome } from '../../tools/platform/exec.js';
import type { HelmClient, HelmReleaseStatus, HelmRevision } from '../../tools/platform/helm.js';
import { type KubeClient, KubeError } from '../../tools/platform/kube.js';
import type { MinikubeClient } from '../../tools/platform/minikube.js';
import { allTools } from '../../tools/registry.js';

/** What the tools did, and the state they act on. */
export interface ToolLog {
  /** Tool runs, in order (validated input). */
  calls: Array<{ tool: string; args: Record<string, unknown> }>;
  /** Changes that reached the fake helm or Kubernetes API. */
  changes: string[];
  /** Lines every pod's log holds. */
  logLines: string[];
  /** Warning events in the namespace. */
  eventMessages: string[];
  /** Replicas per component. */
  replicas: Record<string, number>;
  /** Helm revisions, newest last; empty once uninstalled. */
  revisions: HelmRevision[];
  /** Values of the release's Secret (its workloads consume it). */
  secretValues: string[];
}

/** A fresh log: the release at revision 1 with two backend and one frontend replica. */
export function newToolLog(): ToolLog {
  return {
    calls: [],
    changes: [],
    logLines: ['server listening on :8000'],
    eventMessages: [],
    replicas: { backend: 2, frontend: 1 },
    revisions: [revision(1, 'Install complete')],
    secretValues: [],
  };
}

const RELEASE = 'todo-app';
const NAMESPACE = 'todo';
const STARTED = new Date(Date.now() - 5 * 60_000);

function revision(n: number, description: string): HelmRevision {
  return {
    revision: n,
    updated: new Date(STARTED.getTime() + n * 1000).toISOString(),
    status: 'deployed',
    chart: 'todo-app-0.1.0',
    appVersion: '0.1.0',
    description,
  };
}

function labels(component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'todo-app',
    'app.kubernetes.io/instance': RELEASE,
    'app.kubernetes.io/component': component,
  };
}

/** The component a label selector asks for; undefined for the whole release. */
function selected(selector: string | undefined): string | undefined {
  return selector?.match(/app\.kubernetes\.io\/component=([a-z]+)/)?.[1];
}

function podsOf(log: ToolLog, component: string): V1Pod[] {
  return Array.from({ length: log.replicas[component] ?? 0 }, (_, i) => ({
    metadata: {
      name: `${RELEASE}-${component}-abc12-${i}`,
      namespace: NAMESPACE,
      labels: labels(component),
      creationTimestamp: STARTED,
    },
    spec: { containers: [{ name: component }], nodeName: 'node-1' },
    status: {
      phase: 'Running',
      startTime: STARTED,
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        {
          name: component,
          image: `todo-${component}:test`,
          imageID: '',
          ready: true,
          restartCount: 0,
          state: { running: { startedAt: STARTED } },
        },
      ],
    },
  }));
}

function deploymentOf(log: ToolLog, component: string): V1Deployment {
  const replicas = log.replicas[component] ?? 0;
  return {
    metadata: {
      name: `${RELEASE}-${component}`,
      namespace: NAMESPACE,
      labels: labels(component),
      generation: 1,
    },
    spec: {
      replicas,
      selector: { matchLabels: labels(component) },
      template: {
        spec: {
          containers: [
            {
              name: component,
              env: [
                {
                  name: 'JWT_SECRET',
                  valueFrom: { secretKeyRef: { name: RELEASE, key: 'JWT_SECRET' } },
                },
              ],
            },
          ],
        },
      },
    },
    status: {
      observedGeneration: 1,
      replicas,
      readyReplicas: replicas,
      updatedReplicas: replicas,
      availableReplicas: replicas,
    },
  };
}

const components = (log: ToolLog, selector?: string) =>
  Object.keys(log.replicas).filter((c) => !selected(selector) || selected(selector) === c);

function fakeKube(log: ToolLog): KubeClient {
  const deployed = () => log.revisions.length > 0;
  return {
    contextName: 'minikube',
    server: 'https://192.168.49.2:8443',
    serverVersion: async () => 'v1.34.4',
    namespaceExists: async () => true,
    listPods: async (_ns, selector) =>
      deployed() ? components(log, selector).flatMap((c) => podsOf(log, c)) : [],
    listDeployments: async (_ns, selector) =>
      deployed() ? components(log, selector).map((c) => deploymentOf(log, c)) : [],
    readDeployment: async (_ns, name) =>
      deployed()
        ? Object.keys(log.replicas)
            .map((c) => deploymentOf(log, c))
            .find((d) => d.metadata?.name === name)
        : undefined,
    listReplicaSets: async () => [],
    listStatefulSets: async (): Promise<V1StatefulSet[]> => [],
    readStatefulSet: async () => undefined,
    listServices: async () => [],
    listEndpointSlices: async () => [],
    listIngresses: async () => [],
    listIngressClasses: async () => [],
    listPersistentVolumeClaims: async () => [],
    listConfigMaps: async () => [],
    listEvents: async (): Promise<CoreV1Event[]> =>
      log.eventMessages.map((message, i) => ({
        metadata: { name: `event-${i}`, namespace: NAMESPACE },
        involvedObject: { kind: 'Pod', name: `${RELEASE}-backend-abc12-0` },
        type: 'Warning',
        reason: 'Unhealthy',
        message,
        count: 1,
        lastTimestamp: STARTED,
      })),
    listNodes: async () => [],
    listStorageClasses: async () => [],
    readPodLog: async () => `${log.logLines.join('\n')}\n`,
    readSecretKeys: async () => (log.secretValues.length ? ['JWT_SECRET'] : undefined),
    readSecretValues: async () => (log.secretValues.length ? [...log.secretValues] : undefined),
    listHelmReleaseSecrets: async () => [],
    restartWorkload: async (_ns, kind, name) => {
      log.changes.push(`restart ${kind.toLowerCase()}/${name}`);
    },
    portForward: async () => {
      throw new KubeError('unreachable', 'no port-forward to fake pods', 'set TODO_OPS_VERIFY_URL');
    },
    scaleDeployment: async (_ns, name, replicas) => {
      const component = name.replace(`${RELEASE}-`, '');
      log.replicas[component] = replicas;
      log.changes.push(`scale deployment/${name} --replicas=${replicas}`);
    },
  };
}

function fakeHelm(log: ToolLog): HelmClient {
  const status = (): HelmReleaseStatus | undefined => {
    const last = log.revisions.at(-1);
    return last
      ? {
          name: RELEASE,
          namespace: NAMESPACE,
          revision: last.revision,
          status: last.status,
          description: last.description,
          lastDeployed: last.updated,
          chart: last.chart,
          appVersion: last.appVersion,
        }
      : undefined;
  };
  const next = (description: string) => {
    const n = (log.revisions.at(-1)?.revision ?? 0) + 1;
    for (const r of log.revisions) r.status = 'superseded';
    log.revisions.push(revision(n, description));
  };
  return {
    version: async () => 'v4.1.0',
    upgrade: async (options) => {
      for (const [key, value] of Object.entries(options.set ?? {})) {
        const match = key.match(/^([a-z]+)\.replicas$/);
        if (match?.[1]) log.replicas[match[1]] = Number(value);
        log.changes.push(`helm upgrade --set ${key}=${String(value)}`);
      }
      if (!options.set) log.changes.push('helm upgrade');
      next(log.revisions.length ? 'Upgrade complete' : 'Install complete');
      return status() as HelmReleaseStatus;
    },
    rollback: async (_release, target) => {
      log.changes.push(`helm rollback ${target ?? ''}`.trim());
      next(`Rollback to ${target}`);
    },
    history: async () => log.revisions.map((r) => ({ ...r })),
    status: async () => status(),
    getValues: async () =>
      Object.fromEntries(Object.entries(log.replicas).map(([c, n]) => [c, { replicas: n }])),
    uninstall: async () => {
      const existed = log.revisions.length > 0;
      log.changes.push('helm uninstall');
      log.revisions = [];
      return { existed };
    },
  };
}

const notInstalled = { ok: false as const, message: 'not installed in tests', notFound: true };

/** Docker is not there: build_images and deploy --build report it as a missing dependency. */
const noDocker: DockerClient = {
  version: async () => undefined,
  build: async () => notInstalled,
  imageExists: async () => false,
  removeImage: async () => notInstalled,
};

/** A running Minikube that only answers what teardown and hosts_entry ask. */
function fakeMinikube(log: ToolLog): MinikubeClient {
  return {
    version: async () => 'v1.37.0',
    status: async () => ({
      exists: true,
      host: 'Running',
      kubelet: 'Running',
      apiServer: 'Running',
      kubeconfig: 'Configured',
      running: true,
    }),
    start: async () => ({ ok: true, output: '' }),
    stop: async () => {
      log.changes.push('minikube stop');
      return { ok: true, output: '' };
    },
    enableAddon: async () => ({ ok: true, output: '' }),
    addons: async () => ({ ingress: true, 'metrics-server': true }),
    ip: async () => '192.168.49.2',
    dockerEnv: async () => undefined,
    imageBuild: async () => notInstalled,
    imageRemove: async (tag) => {
      log.changes.push(`minikube image rm ${tag}`);
      return { ok: true, output: '' };
    },
  };
}

const notFound = (command: string, args: string[]): ExecOutcome => ({
  command,
  args,
  exitCode: undefined,
  stdout: '',
  stderr: '',
  notFound: true,
  timedOut: false,
  cancelled: false,
});

/** Dependencies of the real tools over the log: fake helm and Kubernetes, no local programs. */
export function testDeps(
  log: ToolLog,
  env: Record<string, string | undefined> = {},
  config: Partial<OpsConfig> = {},
): ToolDeps {
  const kube = fakeKube(log);
  const knownSecrets = new KnownSecrets();
  return {
    // Fake pods answer no HTTP: a change cannot be proven here (the real node's tests do it).
    config: { ...loadConfig({}, {}), proveChanges: false, ...config },
    knownSecrets,
    // Like the real deps: the first use of the cluster starts loading the release's secrets.
    get kube() {
      knownSecrets.start(() => registerReleaseSecrets(kube, NAMESPACE, RELEASE));
      return kube;
    },
    helm: fakeHelm(log),
    docker: noDocker,
    minikube: fakeMinikube(log),
    runner: async (command, args) => notFound(command, args),
    fetch: globalThis.fetch,
    // The test run's audit log (vitest.config.ts) unless the test names its own.
    env: { TODO_OPS_AUDIT_LOG: process.env.TODO_OPS_AUDIT_LOG, ...env },
    platform: 'linux',
  };
}

/** The registry's tools, each recording its runs in the log before doing its real work. */
export function testTools(log: ToolLog): OpsTool[] {
  return allTools().map(
    (tool): OpsTool => ({
      ...tool,
      run: (args, ctx) => {
        log.calls.push({ tool: tool.name, args: { ...args } });
        return tool.run(args, ctx);
      },
    }),
  );
}
