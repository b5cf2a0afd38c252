/**
 * ToolDeps: the narrow dependencies every tool runs with. Each adapter is an interface so
 * tests pass a real test-cluster client or a recording fake; `createDeps` wires the real
 * ones from an OpsConfig.
 */
import type { z } from 'zod';
import type { OpsConfig } from './config.js';
import type { Tool, ToolContext } from './contract.js';
import { KnownSecrets, registerEnvSecrets, registerReleaseSecrets } from './known-secrets.js';
import { createDockerClient, type DockerClient } from './platform/docker.js';
import { runCommand as defaultRunner, type Runner } from './platform/exec.js';
import { createHelmClient, type HelmClient } from './platform/helm.js';
import { createHelmRecordsClient, releaseReads } from './platform/helm-records.js';
import { createKubeClient, type KubeClient } from './platform/kube.js';
import { createMinikubeClient, type MinikubeClient } from './platform/minikube.js';

/** Everything a tool may touch. `kube` may throw KubeError on first access (bad kubeconfig). */
export interface ToolDeps {
  config: OpsConfig;
  readonly kube: KubeClient;
  helm: HelmClient;
  docker: DockerClient;
  minikube: MinikubeClient;
  /** Runs local programs (doctor's version checks). */
  runner: Runner;
  /** HTTP for `verify` (global fetch by default). */
  fetch: typeof fetch;
  /** The process environment secrets and settings are read from (deploy). */
  env: Record<string, string | undefined>;
  /** The host OS (hosts_entry, doctor). */
  platform: NodeJS.Platform;
  /**
   * The release's secret values, loaded for the redactor on first use of the cluster; the
   * call pipeline awaits `settled()` before any output leaves.
   */
  knownSecrets: Pick<KnownSecrets, 'settled'>;
}

/** The context tools receive. */
export type OpsContext = ToolContext<ToolDeps>;

/**
 * A todo-ops tool: the contract bound to ToolDeps. Without arguments it is any tool of the
 * registry: its input is a zod object and its data is known only through its own schema.
 */
export type OpsTool<Input extends z.ZodObject = z.ZodObject, Data = unknown> = Tool<
  Input,
  Data,
  ToolDeps
>;

/** Optional replacements for binaries and runners (tests, packaging). */
export interface DepsOptions {
  helmBin?: string;
  dockerBin?: string;
  minikubeBin?: string;
  runner?: Runner;
  env?: Record<string, string | undefined>;
  fetch?: typeof fetch;
  platform?: NodeJS.Platform;
}

/** Wires the real adapters; the kube client is created on first use. */
export function createDeps(config: OpsConfig, options: DepsOptions = {}): ToolDeps {
  const env = options.env ?? process.env;
  let kube: KubeClient | undefined;
  const runner = options.runner;
  // A release's reads go through its records on the same credentials as helm (one API
  // request instead of a helm process each); a runner standing in for the programs (tests)
  // sees every helm call instead.
  const reads =
    runner || env.TODO_OPS_HELM_READS === 'helm'
      ? undefined
      : releaseReads(() => deps.kube, config.namespace, env.HELM_DRIVER);
  registerEnvSecrets(env);
  const knownSecrets = new KnownSecrets();
  const deps: ToolDeps = {
    config,
    knownSecrets,
    get kube(): KubeClient {
      if (!kube) {
        const client = createKubeClient({
          ...(config.kubeconfig ? { kubeconfig: config.kubeconfig } : {}),
          ...(config.context ? { context: config.context } : {}),
        });
        kube = client;
        // Whatever touches the cluster may print its text: learn its secrets first.
        knownSecrets.start(() => registerReleaseSecrets(client, config.namespace, config.release));
      }
      return kube;
    },
    // In the cluster there is no helm program: the release records are read through the API.
    helm: config.inCluster
      ? createHelmRecordsClient(() => deps.kube, config.namespace)
      : createHelmClient({
          namespace: config.namespace,
          ...(config.context ? { kubeContext: config.context } : {}),
          ...(config.kubeconfig ? { kubeconfig: config.kubeconfig } : {}),
          bin: options.helmBin ?? env.TODO_OPS_HELM ?? 'helm',
          ...(runner ? { runner } : {}),
          ...(reads ? { reads } : {}),
        }),
    docker: createDockerClient({
      bin: options.dockerBin ?? env.TODO_OPS_DOCKER ?? 'docker',
      ...(runner ? { runner } : {}),
    }),
    minikube: createMinikubeClient({
      profile: config.minikubeProfile,
      bin: options.minikubeBin ?? env.TODO_OPS_MINIKUBE ?? 'minikube',
      ...(runner ? { runner } : {}),
    }),
    runner: runner ?? defaultRunner,
    fetch: options.fetch ?? globalThis.fetch,
    env,
    platform: options.platform ?? process.platform,
  };
  return deps;
}
