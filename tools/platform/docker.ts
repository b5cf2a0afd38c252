/**
 * The Docker adapter: `docker build` and image removal through execa argv arrays. To build
 * into Minikube's daemon the caller passes the environment from `minikube docker-env`
 * (parsed, never eval'd by a shell).
 */
import { failureText, type Runner, runCommand, succeeded } from './exec.js';

/** One image build. */
export interface BuildRequest {
  /** Build context directory. */
  context: string;
  dockerfile: string;
  /** Full reference, e.g. todo-backend:3f9c2a1b7d04. */
  tag: string;
  buildArgs?: Record<string, string>;
  /** Extra environment (DOCKER_HOST and friends from `minikube docker-env`). */
  env?: Record<string, string>;
}

/** The outcome of a docker call that may fail in an expected way. */
export type DockerOutcome =
  | { ok: true; output: string }
  | { ok: false; message: string; notFound: boolean };

/** What the tools need from Docker. */
export interface DockerClient {
  /** `docker version` server version, or undefined when docker or its daemon is missing. */
  version(env?: Record<string, string>): Promise<string | undefined>;
  build(request: BuildRequest, onLine?: (line: string) => void): Promise<DockerOutcome>;
  imageExists(tag: string, env?: Record<string, string>): Promise<boolean>;
  removeImage(tag: string, env?: Record<string, string>): Promise<DockerOutcome>;
}

/** The argv of `docker build` for a request (exported for tests). */
export function buildArgv(request: BuildRequest): string[] {
  return [
    'build',
    '--file',
    request.dockerfile,
    '--tag',
    request.tag,
    ...Object.entries(request.buildArgs ?? {}).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]),
    request.context,
  ];
}

/** The real docker client. */
export function createDockerClient(options: { bin?: string; runner?: Runner } = {}): DockerClient {
  const bin = options.bin ?? 'docker';
  const run = options.runner ?? runCommand;
  const envOpt = (env?: Record<string, string>) => (env ? { env } : {});
  return {
    async version(env) {
      const out = await run(bin, ['version', '--format', '{{.Server.Version}}'], {
        timeoutMs: 20_000,
        ...envOpt(env),
      });
      return succeeded(out) && out.stdout.trim() ? out.stdout.trim() : undefined;
    },
    async build(request, onLine) {
      const out = await run(bin, buildArgv(request), {
        timeoutMs: 30 * 60_000,
        ...envOpt(request.env),
        ...(onLine ? { onLine } : {}),
      });
      return succeeded(out)
        ? { ok: true, output: out.stdout }
        : { ok: false, message: failureText(out, 12), notFound: out.notFound };
    },
    async imageExists(tag, env) {
      const out = await run(bin, ['image', 'inspect', '--format', '{{.Id}}', tag], {
        timeoutMs: 20_000,
        ...envOpt(env),
      });
      return succeeded(out);
    },
    async removeImage(tag, env) {
      const out = await run(bin, ['image', 'rm', tag], { timeoutMs: 60_000, ...envOpt(env) });
      return succeeded(out)
        ? { ok: true, output: out.stdout }
        : { ok: false, message: failureText(out), notFound: out.notFound };
    },
  };
}
