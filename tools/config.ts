/**
 * OpsConfig: the scope and limits every tool runs with (namespace, release, kube context,
 * chart, max replicas, timeouts). Built once from the environment and CLI flags; never
 * from model input, so a model cannot widen its own scope.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where and how far todo-ops may act. */
export interface OpsConfig {
  /** The one namespace todo-ops acts in. */
  namespace: string;
  /** The one Helm release todo-ops acts on. */
  release: string;
  /** Kube context; undefined means the kubeconfig's current context. */
  context?: string;
  /** True when the user named the context (flag or env): non-local contexts are allowed then. */
  contextExplicit: boolean;
  /** Kubeconfig path; undefined means $KUBECONFIG or ~/.kube/config. */
  kubeconfig?: string;
  /** The chart to install (charts/todo-app of this package by default). */
  chartPath: string;
  /**
   * Values files for this cluster (TODO_OPS_VALUES, comma-separated), applied by every
   * deploy before todo-ops' own values: node placement, storage class, image registry...
   */
  valuesFiles: string[];
  /**
   * Where the Dockerfiles, app sources, chart and docs are: $TODO_OPS_SOURCE_DIR (a checkout
   * of the todo-ops repository), else the package root. An installed package has no app
   * sources or Dockerfiles, so building images needs a checkout.
   */
  rootDir: string;
  /** Upper bound for `scale`. */
  maxReplicas: number;
  /** Seconds helm waits for resources (`--timeout`). */
  helmTimeoutSeconds: number;
  /** Seconds a tool waits for pods to become ready after a restart. */
  readyTimeoutSeconds: number;
  /** The ingress host of the app. */
  host: string;
  /** Minikube profile name. */
  minikubeProfile: string;
  /** Image repositories the chart expects for each component. */
  images: { backend: string; frontend: string };
  /**
   * Running as the chart's in-cluster ops server (TODO_OPS_IN_CLUSTER=1): no helm program;
   * the release is read from its records in ConfigMaps and scale uses the Kubernetes API.
   */
  inCluster: boolean;
  /**
   * Prove the app after a change (a throwaway user, a task written and read back):
   * TODO_OPS_PROVE=0 turns it off for every change, as `--no-proof` does for one.
   */
  proveChanges: boolean;
  /**
   * Compute the plan of a Helm change before it is asked about (tools/previews.ts):
   * TODO_OPS_PLAN=0 turns it off (the change is then described, not diffed).
   */
  planChanges: boolean;
}

/** Values given on the command line; they win over the environment. */
export interface ConfigOverrides {
  namespace?: string;
  release?: string;
  context?: string;
  kubeconfig?: string;
  chartPath?: string;
  maxReplicas?: number;
  /** Seconds helm and readiness waits may take. */
  timeoutSeconds?: number;
}

/** The package root: the nearest directory above this file whose package.json is todo-ops. */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
        if (pkg.name === 'todo-ops') return dir;
      } catch {
        // an unreadable package.json further down is not ours; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

const positiveInt = (raw: string | undefined, fallback: number): number => {
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** Builds the config from environment variables and overrides (flags). */
export function loadConfig(
  overrides: ConfigOverrides = {},
  env: Record<string, string | undefined> = process.env,
): OpsConfig {
  const rootDir = env.TODO_OPS_SOURCE_DIR ? resolve(env.TODO_OPS_SOURCE_DIR) : packageRoot();
  const context = overrides.context ?? env.TODO_OPS_CONTEXT;
  return {
    namespace: overrides.namespace ?? env.TODO_OPS_NAMESPACE ?? 'todo',
    release: overrides.release ?? env.TODO_OPS_RELEASE ?? 'todo-app',
    ...(context ? { context } : {}),
    contextExplicit: Boolean(context),
    ...((overrides.kubeconfig ?? env.KUBECONFIG)
      ? { kubeconfig: overrides.kubeconfig ?? env.KUBECONFIG }
      : {}),
    chartPath: resolve(
      overrides.chartPath ?? env.TODO_OPS_CHART ?? join(rootDir, 'charts/todo-app'),
    ),
    valuesFiles: (env.TODO_OPS_VALUES ?? '')
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean)
      .map((f) => resolve(f)),
    rootDir,
    maxReplicas: overrides.maxReplicas ?? positiveInt(env.TODO_OPS_MAX_REPLICAS, 10),
    helmTimeoutSeconds: overrides.timeoutSeconds ?? positiveInt(env.TODO_OPS_HELM_TIMEOUT, 300),
    readyTimeoutSeconds: overrides.timeoutSeconds ?? positiveInt(env.TODO_OPS_READY_TIMEOUT, 180),
    host: env.TODO_OPS_HOST ?? 'todo.local',
    minikubeProfile: env.TODO_OPS_MINIKUBE_PROFILE ?? 'minikube',
    images: { backend: 'todo-backend', frontend: 'todo-frontend' },
    inCluster: /^(1|true|yes)$/i.test(env.TODO_OPS_IN_CLUSTER ?? ''),
    proveChanges: !/^(0|false|no|off)$/i.test(env.TODO_OPS_PROVE ?? ''),
    planChanges: !/^(0|false|no|off)$/i.test(env.TODO_OPS_PLAN ?? ''),
  };
}

const RESOURCE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Returns a message when the namespace or release is not a valid Kubernetes name. */
export function checkConfig(config: OpsConfig): string | undefined {
  if (!RESOURCE_NAME.test(config.namespace) || config.namespace.length > 63)
    return `namespace "${config.namespace}" is not a valid Kubernetes name`;
  if (!RESOURCE_NAME.test(config.release) || config.release.length > 53)
    return `release "${config.release}" is not a valid Helm release name`;
  if (config.maxReplicas < 1 || config.maxReplicas > 100)
    return `max replicas ${config.maxReplicas} must be between 1 and 100`;
  return undefined;
}
