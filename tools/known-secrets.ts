/**
 * The concrete values a process must mask before it prints anything: the secret
 * environment variables it runs with, and the Secrets the release's workloads consume.
 * The Secrets are read from the cluster on the process's first use of it, so a fresh
 * process that never ran `deploy` (a `todo-ops logs` in another terminal, the MCP server)
 * masks them too. The values go to the redactor only, never into a result.
 */
import type { V1Deployment, V1PodTemplateSpec, V1StatefulSet } from '@kubernetes/client-node';
import { releaseSelector } from './common.js';
import type { KubeClient } from './platform/kube.js';
import { isSecretKey, registerSecret } from './redact.js';

/** Registers the values of environment variables whose names say they are secret. */
export function registerEnvSecrets(env: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(env)) {
    if (!value || !isSecretKey(name)) continue;
    // A token kept as a header value ("Bearer x") is printed either way.
    registerSecret(value, value.replace(/^Bearer\s+/i, ''));
  }
}

function secretNamesOfTemplate(template: V1PodTemplateSpec | undefined): string[] {
  const spec = template?.spec;
  const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  return [
    ...containers.flatMap((c) => (c.env ?? []).map((e) => e.valueFrom?.secretKeyRef?.name)),
    ...containers.flatMap((c) => (c.envFrom ?? []).map((e) => e.secretRef?.name)),
    ...(spec?.volumes ?? []).map((v) => v.secret?.secretName),
  ].filter((name): name is string => Boolean(name));
}

/** Names of the Secrets workloads consume (env, envFrom, volumes), each once. */
export function secretNamesOf(workloads: Array<V1Deployment | V1StatefulSet>): string[] {
  return [...new Set(workloads.flatMap((w) => secretNamesOfTemplate(w.spec?.template)))];
}

/**
 * Reads the Secrets the release's Deployments and StatefulSets consume and registers their
 * values with the redactor; returns how many values it registered. A Secret that may not
 * be read (403) or is gone is skipped: the patterns still apply.
 */
export async function registerReleaseSecrets(
  kube: KubeClient,
  namespace: string,
  release: string,
): Promise<number> {
  const selector = releaseSelector(release);
  const [deployments, statefulSets] = await Promise.all([
    kube.listDeployments(namespace, selector),
    kube.listStatefulSets(namespace, selector),
  ]);
  let count = 0;
  for (const name of secretNamesOf([...deployments, ...statefulSets])) {
    const values = await kube.readSecretValues(namespace, name).catch(() => undefined);
    for (const value of values ?? []) {
      registerSecret(value);
      count += 1;
    }
  }
  return count;
}

/** A load that starts at most once (on first use of the cluster) and can be awaited. */
export class KnownSecrets {
  private pending: Promise<void> | undefined;

  /** Starts loading unless it has started already; failures are swallowed (patterns remain). */
  start(load: () => Promise<unknown>): void {
    this.pending ??= load().then(
      () => undefined,
      () => undefined,
    );
  }

  /** Resolves once whatever was started has finished; at once when nothing was. */
  settled(): Promise<void> {
    return this.pending ?? Promise.resolve();
  }
}
