/**
 * Scope checks: todo-ops acts on one namespace and one release, and only on a local
 * cluster unless the user named the context explicitly.
 */
import { fail, type ToolResult } from './contract.js';
import type { ToolDeps } from './deps.js';

const LOCAL_CONTEXT = [
  /^minikube$/,
  /^docker-desktop$/,
  /^docker-for-desktop$/,
  /^rancher-desktop$/,
  /^orbstack$/,
  /^colima(-.+)?$/,
  /^microk8s$/,
  /^kind-.+$/,
  /^kwok-.+$/,
  /^k3d-.+$/,
];

/** True for the context names local clusters get (minikube, kind-*, kwok-*, ...). */
export function isLocalContext(name: string): boolean {
  return LOCAL_CONTEXT.some((pattern) => pattern.test(name));
}

/** The context client-node gives a process running in a pod (its ServiceAccount). */
export const IN_CLUSTER_CONTEXT = 'inClusterContext';

/**
 * A refusal when the context is not local and was not named explicitly; undefined when
 * fine. Inside a pod (the chart's `ops` Deployment) the cluster is the one it was deployed
 * to on purpose, and its Role bounds what it may do.
 */
export function scopeRefusal(deps: ToolDeps): ToolResult<never> | undefined {
  const context = deps.kube.contextName;
  if (deps.config.contextExplicit || isLocalContext(context) || context === IN_CLUSTER_CONTEXT)
    return undefined;
  return fail(
    'refused',
    `kube context "${context}" does not look like a local cluster; todo-ops refuses to act on it implicitly`,
    `to act on it anyway, name it explicitly: --context ${context} (or TODO_OPS_CONTEXT=${context})`,
  );
}
