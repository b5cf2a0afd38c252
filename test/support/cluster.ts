/**
 * The test cluster for integration suites: a real API server (see
 * scripts/test-env/cluster.sh). Each test file gets its own namespace, removed afterwards.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  type V1Pod,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the test cluster's kubeconfig; empty when there is no cluster. */
    kubeconfig: string;
    /** Why there is no cluster (empty when there is one). */
    clusterMissing: string;
    /** Why the cluster has no real node (empty when it has one): test/support/real-node.ts. */
    realNodeMissing: string;
  }
}

/** Pod annotation read by the cluster's fault Stages (scripts/test-env/cluster/stages.yaml). */
export const FAULT_ANNOTATION = 'todo-ops.test/fault';
/** Reason used by the `waiting` and `crashloop` faults (e.g. ImagePullBackOff, OOMKilled). */
export const FAULT_REASON_ANNOTATION = 'todo-ops.test/reason';
/** Message used by the `waiting` fault. */
export const FAULT_MESSAGE_ANNOTATION = 'todo-ops.test/message';
/** Restart count shown by the `crashloop` fault. */
export const FAULT_RESTARTS_ANNOTATION = 'todo-ops.test/restarts';

/** Faults the test cluster can put a pod in. */
export type PodFault = 'not-ready' | 'crashloop' | 'waiting' | 'failed';

/** The kubeconfig path of the running test cluster, or undefined. */
export function clusterKubeconfig(): string | undefined {
  const fromEnv = process.env.TODO_OPS_TEST_KUBECONFIG;
  if (fromEnv) return fromEnv;
  try {
    return inject('kubeconfig') || undefined;
  } catch {
    return undefined;
  }
}

/** Why the cluster is not available, for `describeWithEnv`; undefined when it is. */
export function clusterMissing(): string | undefined {
  if (clusterKubeconfig()) return undefined;
  let reason = '';
  try {
    reason = inject('clusterMissing');
  } catch {
    // not under the integration project's global setup
  }
  return (
    reason || 'no test cluster: run `npm run test:all` (it starts scripts/test-env/cluster.sh)'
  );
}

/** Clients and the namespace a test file works in. */
export interface TestCluster {
  kubeconfigPath: string;
  kc: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  custom: CustomObjectsApi;
  /** This file's own namespace (set once `beforeAll` has run). */
  namespace: string;
  /** The kube context name of the cluster (kwok-<name>). */
  context: string;
}

/**
 * Registers hooks that create a fresh namespace before the file's tests and delete it
 * afterwards. Call at the top of a `describeWithEnv(..., clusterMissing(), ...)` body.
 */
export function useTestNamespace(prefix: string): TestCluster {
  const cluster = {} as TestCluster;
  beforeAll(async () => {
    const path = clusterKubeconfig();
    if (!path) throw new Error(clusterMissing());
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    const name = `${prefix}-${Math.random().toString(36).slice(2, 8)}`
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-');
    Object.assign(cluster, {
      kubeconfigPath: path,
      kc,
      core: kc.makeApiClient(CoreV1Api),
      apps: kc.makeApiClient(AppsV1Api),
      custom: kc.makeApiClient(CustomObjectsApi),
      namespace: name,
      context: kc.getCurrentContext(),
    });
    await cluster.core.createNamespace({
      body: { metadata: { name, labels: { 'todo-ops.test/owner': 'vitest' } } },
    });
    // Pods need the namespace's default ServiceAccount, created by the controller manager.
    await waitFor(
      async () => {
        try {
          await cluster.core.readNamespacedServiceAccount({ name: 'default', namespace: name });
          return true;
        } catch {
          return false;
        }
      },
      { timeoutMs: 30_000, what: `default ServiceAccount in ${name}` },
    );
  });
  afterAll(async () => {
    if (!cluster.namespace) return;
    await cluster.core
      .deleteNamespace({ name: cluster.namespace, propagationPolicy: 'Background' })
      .catch(() => undefined);
  });
  return cluster;
}

/** Polls `check` until it returns a truthy value; fails with `what` after the timeout. */
export async function waitFor<T>(
  check: () => Promise<T | false | undefined | null>,
  { timeoutMs = 60_000, intervalMs = 250, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Lists the pods of a namespace matching a label selector. */
export async function listPods(cluster: TestCluster, labelSelector: string): Promise<V1Pod[]> {
  const list = await cluster.core.listNamespacedPod({
    namespace: cluster.namespace,
    labelSelector,
  });
  return list.items.filter((pod) => !pod.metadata?.deletionTimestamp);
}

/** True when the pod is Running with every container ready. */
export function isPodReady(pod: V1Pod): boolean {
  return (
    pod.status?.phase === 'Running' &&
    (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
  );
}

/** Waits until exactly `count` pods match the selector and all of them are ready. */
export async function waitForReadyPods(
  cluster: TestCluster,
  labelSelector: string,
  count: number,
  timeoutMs = 90_000,
): Promise<V1Pod[]> {
  return waitFor(
    async () => {
      const pods = await listPods(cluster, labelSelector);
      return pods.length === count && pods.every(isPodReady) ? pods : false;
    },
    { timeoutMs, what: `${count} ready pods matching ${labelSelector}` },
  );
}

let logsDir: string | undefined;

/**
 * Makes the log API return `lines` for a pod (and `previous` for `--previous`), through a
 * kwok `Logs` object pointing at a file in the CRI log format.
 */
export async function setPodLogs(
  cluster: TestCluster,
  pod: string,
  lines: string[],
  previous: string[] = lines,
): Promise<void> {
  logsDir ??= mkdtempSync(join(tmpdir(), 'todo-ops-pod-logs-'));
  const dir = join(logsDir, cluster.namespace);
  mkdirSync(dir, { recursive: true });
  const toCri = (entries: string[]) =>
    entries.map((line) => `${new Date().toISOString()} stdout F ${line}\n`).join('');
  const current = join(dir, `${pod}.log`);
  const prev = join(dir, `${pod}.previous.log`);
  writeFileSync(current, toCri(lines));
  writeFileSync(prev, toCri(previous));
  const body = {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'Logs',
    metadata: { name: pod, namespace: cluster.namespace },
    spec: { logs: [{ logsFile: current, previousLogsFile: prev }] },
  };
  await cluster.custom.createNamespacedCustomObject({
    group: 'kwok.x-k8s.io',
    version: 'v1alpha1',
    namespace: cluster.namespace,
    plural: 'logs',
    body,
  });
}
