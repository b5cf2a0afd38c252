/**
 * The Minikube adapter: start (4 GB, 2 CPUs), addons, ip, status, docker-env, image
 * build/remove, stop. argv arrays through execa; outputs parsed from minikube's JSON.
 */
import { failureText, type Runner, runCommand, succeeded } from './exec.js';

/** `minikube status -o json`, normalised. */
export interface MinikubeStatus {
  /** False when the profile does not exist. */
  exists: boolean;
  host: string;
  kubelet: string;
  apiServer: string;
  kubeconfig: string;
  /** Host, kubelet and API server all Running. */
  running: boolean;
}

/** An expected failure or success of a minikube call. */
export type MinikubeOutcome =
  | { ok: true; output: string }
  | { ok: false; message: string; notFound: boolean };

/** Start parameters; the seed asks for 4 GB and 2 CPUs. */
export interface StartOptions {
  memoryMb: number;
  cpus: number;
  driver?: string;
  kubernetesVersion?: string;
}

/** What the tools need from Minikube. */
export interface MinikubeClient {
  /** `minikube version --short`, or undefined when minikube is missing. */
  version(): Promise<string | undefined>;
  status(): Promise<MinikubeStatus | undefined>;
  start(options: StartOptions, onLine?: (line: string) => void): Promise<MinikubeOutcome>;
  stop(): Promise<MinikubeOutcome>;
  enableAddon(name: string): Promise<MinikubeOutcome>;
  /** Addon name -> enabled; undefined when minikube cannot tell (not running, missing). */
  addons(): Promise<Record<string, boolean> | undefined>;
  ip(): Promise<string | undefined>;
  /** The environment that points docker at Minikube's daemon. */
  dockerEnv(): Promise<Record<string, string> | undefined>;
  imageBuild(
    context: string,
    dockerfile: string,
    tag: string,
    onLine?: (line: string) => void,
  ): Promise<MinikubeOutcome>;
  imageRemove(tag: string): Promise<MinikubeOutcome>;
}

/** Parses `minikube status -o json` (also the "Nonexistent" form and a plain profile error). */
export function parseMinikubeStatus(stdout: string): MinikubeStatus | undefined {
  const text = stdout.trim();
  const start = text.indexOf('{');
  if (start < 0) {
    if (/profile .* not found|not found/i.test(text))
      return {
        exists: false,
        host: 'Nonexistent',
        kubelet: 'Nonexistent',
        apiServer: 'Nonexistent',
        kubeconfig: 'Nonexistent',
        running: false,
      };
    return undefined;
  }
  // A multi-node cluster prints an array; the control plane is the first entry.
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(text[start - 1] === '[' ? start - 1 : start));
  } catch {
    return undefined;
  }
  const node = (Array.isArray(parsed) ? parsed[0] : parsed) as Record<string, string> | undefined;
  if (!node) return undefined;
  const host = String(node.Host ?? 'Unknown');
  const kubelet = String(node.Kubelet ?? 'Unknown');
  const apiServer = String(node.APIServer ?? 'Unknown');
  return {
    exists: host !== 'Nonexistent',
    host,
    kubelet,
    apiServer,
    kubeconfig: String(node.Kubeconfig ?? 'Unknown'),
    running: host === 'Running' && kubelet === 'Running' && apiServer === 'Running',
  };
}

/** Parses `minikube docker-env` output in `--shell none` (KEY=VALUE) or bash (`export K="V"`) form. */
export function parseDockerEnv(stdout: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of stdout.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = line.match(/^(?:export\s+)?([A-Z_][A-Z0-9_]*)=(.*)$/);
    if (!match?.[1]) continue;
    env[match[1]] = (match[2] ?? '').replace(/^"(.*)"$/, '$1');
  }
  return env;
}

/** Parses `minikube addons list -o json`. */
export function parseAddons(stdout: string): Record<string, boolean> {
  const parsed = JSON.parse(stdout) as Record<string, { Status?: string }>;
  return Object.fromEntries(
    Object.entries(parsed).map(([name, info]) => [name, info.Status === 'enabled']),
  );
}

/** The argv of `minikube start` (exported for tests). */
export function startArgv(profile: string, options: StartOptions): string[] {
  return [
    'start',
    '--profile',
    profile,
    `--memory=${options.memoryMb}`,
    `--cpus=${options.cpus}`,
    ...(options.driver ? [`--driver=${options.driver}`] : []),
    ...(options.kubernetesVersion ? [`--kubernetes-version=${options.kubernetesVersion}`] : []),
  ];
}

/** The real minikube client for one profile. */
export function createMinikubeClient(
  options: { profile?: string; bin?: string; runner?: Runner } = {},
): MinikubeClient {
  const bin = options.bin ?? 'minikube';
  const run = options.runner ?? runCommand;
  const profile = options.profile ?? 'minikube';
  const outcome = async (
    args: string[],
    timeoutMs: number,
    onLine?: (line: string) => void,
  ): Promise<MinikubeOutcome> => {
    const out = await run(bin, args, { timeoutMs, ...(onLine ? { onLine } : {}) });
    return succeeded(out)
      ? { ok: true, output: out.stdout }
      : { ok: false, message: failureText(out, 10), notFound: out.notFound };
  };
  return {
    async version() {
      const out = await run(bin, ['version', '--short'], { timeoutMs: 15_000 });
      return succeeded(out) ? out.stdout.trim() : undefined;
    },
    async status() {
      // minikube exits non-zero (7, 85) for stopped or missing clusters but still prints JSON.
      const out = await run(bin, ['status', '--profile', profile, '--output', 'json'], {
        timeoutMs: 30_000,
      });
      if (out.notFound) return undefined;
      return parseMinikubeStatus(out.stdout || out.stderr);
    },
    start: (opts, onLine) => outcome(startArgv(profile, opts), 15 * 60_000, onLine),
    stop: () => outcome(['stop', '--profile', profile], 5 * 60_000),
    enableAddon: (name) => outcome(['addons', 'enable', name, '--profile', profile], 5 * 60_000),
    async addons() {
      const out = await run(bin, ['addons', 'list', '--profile', profile, '--output', 'json'], {
        timeoutMs: 30_000,
      });
      if (!succeeded(out)) return undefined;
      try {
        return parseAddons(out.stdout);
      } catch {
        return undefined;
      }
    },
    async ip() {
      const out = await run(bin, ['ip', '--profile', profile], { timeoutMs: 30_000 });
      const ip = out.stdout.trim();
      return succeeded(out) && /^[0-9a-f.:]+$/i.test(ip) ? ip : undefined;
    },
    async dockerEnv() {
      const out = await run(bin, ['docker-env', '--profile', profile, '--shell', 'none'], {
        timeoutMs: 30_000,
      });
      if (!succeeded(out)) return undefined;
      const env = parseDockerEnv(out.stdout);
      return env.DOCKER_HOST ? env : undefined;
    },
    imageBuild: (context, dockerfile, tag, onLine) =>
      outcome(
        ['image', 'build', '--profile', profile, '--tag', tag, '--file', dockerfile, context],
        30 * 60_000,
        onLine,
      ),
    imageRemove: (tag) => outcome(['image', 'rm', tag, '--profile', profile], 60_000),
  };
}
