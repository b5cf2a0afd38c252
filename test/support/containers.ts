/**
 * Container images for tests: built by scripts/test-env/images.sh (buildah), run with
 * podman as root. Every external program runs from an argv array, never a shell string.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './kube-tools.js';

const run = promisify(execFile);
const imagesScript = join(repoRoot, 'scripts/test-env/images.sh');

/** The images todo-ops builds. */
export type ImageName = 'backend' | 'frontend' | 'ops';

function hasCommand(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Why containers cannot be built and run here, or undefined when they can. */
export function containersMissing(): string | undefined {
  if (process.platform !== 'linux') return 'buildah and podman need Linux';
  if (process.getuid?.() !== 0) return 'buildah and podman are used as root here';
  for (const tool of ['buildah', 'podman']) {
    if (!hasCommand(tool)) return `${tool} missing: run scripts/test-env/images.sh install`;
  }
  return undefined;
}

async function images(args: string[], timeoutMs: number): Promise<string> {
  const { stdout } = await run('bash', [imagesScript, ...args], {
    cwd: repoRoot,
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = stdout.trim().split('\n').pop();
  if (!last) throw new Error(`images.sh ${args.join(' ')} printed nothing`);
  return last;
}

/** Builds the stand-in Node base (cached) and returns its name. */
export const buildBase = (): Promise<string> => images(['base'], 15 * 60_000);

/**
 * Builds one image (a no-op when its content-hash tag exists) and returns its name.
 * TODO_OPS_TEST_IMAGE_<NAME> (e.g. TODO_OPS_TEST_IMAGE_BACKEND) names an image to use instead.
 */
export const buildImage = (name: ImageName): Promise<string> => {
  const given = process.env[`TODO_OPS_TEST_IMAGE_${name.toUpperCase()}`];
  return given ? Promise.resolve(given) : images(['build', name], 20 * 60_000);
};

/** Runs podman with `args`; resolves with stdout. */
export async function podman(args: string[], timeoutMs = 60_000): Promise<string> {
  const { stdout } = await run('podman', args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A running container. */
export interface Container {
  id: string;
  /** `podman exec` in the container; resolves with stdout. */
  exec(argv: string[]): Promise<string>;
  logs(): Promise<string>;
  /** Stops (SIGTERM, then SIGKILL after `graceSeconds`) and removes the container. */
  remove(graceSeconds?: number): Promise<void>;
}

/** Options of {@link startContainer}. */
export interface StartOptions {
  env?: Record<string, string>;
  /** Host network (default) or `publish` ports on loopback: `{ 7070: hostPort }`. */
  publish?: Record<number, number>;
  /** Replaces the image's CMD. */
  command?: string[];
}

/**
 * Starts `image` detached. Host networking unless `publish` is given. The image's
 * HEALTHCHECK is not scheduled (podman would need systemd timers for it); tests run the
 * check's command themselves through {@link healthcheckCommand}.
 */
export async function startContainer(
  image: string,
  options: StartOptions = {},
): Promise<Container> {
  const args = ['run', '--detach', '--no-healthcheck', '--label', 'todo-ops-test=1'];
  if (options.publish) {
    for (const [inner, outer] of Object.entries(options.publish)) {
      args.push('--publish', `127.0.0.1:${outer}:${inner}`);
    }
  } else {
    args.push('--network', 'host');
  }
  for (const [key, value] of Object.entries(options.env ?? {}))
    args.push('--env', `${key}=${value}`);
  args.push(image, ...(options.command ?? []));
  const id = (await podman(args)).trim();
  return {
    id,
    exec: (argv) => podman(['exec', id, ...argv]),
    logs: async () => {
      const { stdout, stderr } = await run('podman', ['logs', id], { maxBuffer: 16 * 1024 * 1024 });
      return stdout + stderr;
    },
    remove: async (graceSeconds = 10) => {
      await podman(
        ['rm', '--force', '--time', String(graceSeconds), id],
        (graceSeconds + 30) * 1000,
      );
    },
  };
}

/** The image's HEALTHCHECK as an argv (`CMD` form), or undefined when it has none. */
export async function healthcheckCommand(image: string): Promise<string[] | undefined> {
  const out = await podman(['image', 'inspect', '--format', '{{json .Config.Healthcheck}}', image]);
  const parsed = JSON.parse(out.trim() || 'null') as { Test?: string[] } | null;
  const test = parsed?.Test;
  if (test?.[0] !== 'CMD') return undefined;
  return test.slice(1);
}

/** Size in bytes of an image as stored (all layers, uncompressed). */
export async function imageSize(image: string): Promise<number> {
  return Number((await podman(['image', 'inspect', '--format', '{{.Size}}', image])).trim());
}

/** Polls `url` until it answers with `status` (default: any 2xx) or `timeoutMs` passes. */
export async function waitForHttp(
  url: string,
  { status, timeoutMs = 90_000 }: { status?: number; timeoutMs?: number } = {},
): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (status === undefined ? response.ok : response.status === status) return response;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `${url} did not answer ${status ?? '2xx'} within ${timeoutMs} ms (last: ${last})`,
  );
}

/** {@link waitForHttp}, with the container's last log lines in the error when it fails. */
export async function waitForContainer(
  container: Container,
  url: string,
  options: { status?: number; timeoutMs?: number } = {},
): Promise<Response> {
  try {
    return await waitForHttp(url, options);
  } catch (error) {
    const logs = await container.logs().catch(() => '(no logs)');
    const tail = logs.trim().split('\n').slice(-15).join('\n');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tail}`);
  }
}

/** True when the repository holds `path` (an app that has landed, a script, ...). */
export const inRepo = (path: string): boolean => existsSync(join(repoRoot, path));

/** Runs scripts/test-env/postgres.sh `action` for instance `name`; resolves with its output. */
export async function postgres(
  action: 'start' | 'stop' | 'url' | 'destroy',
  name: string,
): Promise<string> {
  const { stdout } = await run(
    'bash',
    [join(repoRoot, 'scripts/test-env/postgres.sh'), action, name],
    { timeout: 120_000 },
  );
  return stdout.trim();
}
