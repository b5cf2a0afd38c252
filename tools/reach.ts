/**
 * How a tool reaches the deployed app over HTTP: an explicit URL (TODO_OPS_VERIFY_URL), the
 * ingress when its address answers, else a port-forward through the Kubernetes API to a
 * ready pod. The last works on a bare cluster, on Minikube without `minikube tunnel`, in CI
 * and anywhere the ingress address is not routable from this machine.
 */
import { connect } from 'node:net';
import type { V1Pod } from '@kubernetes/client-node';
import { podIsReady, releaseSelector } from './common.js';
import type { OpsContext } from './deps.js';
import type { PortForwardHandle } from './platform/kube.js';

/** The app as one HTTP base URL (with the Host header to send, for the ingress). */
export interface AppEndpoint {
  base: URL;
  /** Host header to send (the ingress host), when going through the ingress. */
  host?: string;
  via: 'url' | 'ingress' | 'port-forward';
  /** For people: where requests go, e.g. "port-forward to pod todo-app-backend-x:8000". */
  describe: string;
  /** Releases the port-forward, if any. */
  close(): Promise<void>;
}

/** Why the app cannot be reached, with what to do about it. */
export interface Unreachable {
  message: string;
  hint: string;
}

const noop = async () => {};

/** True when a TCP connection to host:port opens within `timeoutMs`. */
export function tcpReachable(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The port a pod's container serves on, by port name (`http`). */
function namedPort(pod: V1Pod, name: string): number | undefined {
  for (const container of pod.spec?.containers ?? []) {
    const port = container.ports?.find((p) => p.name === name);
    if (port) return port.containerPort;
  }
  return undefined;
}

/** A ready, not terminating pod of one component of the release. */
export async function readyPod(ctx: OpsContext, component: string): Promise<V1Pod | undefined> {
  const { namespace, release } = ctx.deps.config;
  const pods = await ctx.deps.kube.listPods(namespace, releaseSelector(release, component));
  return pods.find((p) => !p.metadata?.deletionTimestamp && podIsReady(p));
}

/**
 * Opens a port-forward to a ready pod of `component`, on its `http` port. Returns
 * undefined when no pod is ready.
 */
export async function forwardToComponent(
  ctx: OpsContext,
  component: string,
): Promise<{ handle: PortForwardHandle; pod: string; port: number } | undefined> {
  const pod = await readyPod(ctx, component);
  const name = pod?.metadata?.name;
  if (!pod || !name) return undefined;
  const port = namedPort(pod, 'http');
  if (!port) return undefined;
  const handle = await ctx.deps.kube.portForward(ctx.deps.config.namespace, name, port);
  return { handle, pod: name, port };
}

/**
 * The app's API (`/health`, `/api/*`): the URL the user gave, else the ingress when its
 * address answers on port 80, else a port-forward to a ready backend pod.
 */
export async function reachApp(ctx: OpsContext): Promise<AppEndpoint | Unreachable> {
  const url = ctx.deps.env.TODO_OPS_VERIFY_URL;
  if (url) {
    let base: URL;
    try {
      base = new URL(url);
    } catch {
      return {
        message: `TODO_OPS_VERIFY_URL is not a URL: ${url}`,
        hint: 'set it to the app address, e.g. http://127.0.0.1:8000',
      };
    }
    return { base, via: 'url', describe: base.toString(), close: noop };
  }
  const { namespace, release, host } = ctx.deps.config;
  const [ingress] = await ctx.deps.kube.listIngresses(namespace, releaseSelector(release));
  const address = ingress?.status?.loadBalancer?.ingress?.[0];
  const ip = address?.ip ?? address?.hostname;
  if (ip && (await tcpReachable(ip, 80))) {
    return {
      base: new URL(`http://${ip}/`),
      host,
      via: 'ingress',
      describe: `http://${host}/ (via ${ip})`,
      close: noop,
    };
  }
  const forward = await forwardToComponent(ctx, 'backend');
  if (!forward) {
    return {
      message: ip
        ? `the ingress address ${ip} does not answer and no backend pod is ready to port-forward to`
        : 'the ingress has no address and no backend pod is ready to port-forward to',
      hint: 'run `todo-ops status` and `todo-ops diagnose backend`',
    };
  }
  return {
    base: new URL(`http://127.0.0.1:${forward.handle.localPort}/`),
    via: 'port-forward',
    describe: `port-forward to pod ${forward.pod}:${forward.port}${ip ? ` (ingress ${ip} did not answer)` : ''}`,
    close: () => forward.handle.close(),
  };
}
