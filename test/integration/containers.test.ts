/**
 * The container images, built for real with buildah from docker/*.Dockerfile on the
 * stand-in Node base (scripts/test-env/images.sh) and run with podman: each runs as a
 * non-root user, its HEALTHCHECK command passes, and the app inside does its job.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  buildBase,
  buildImage,
  type Container,
  containersMissing,
  freePort,
  healthcheckCommand,
  imageSize,
  inRepo,
  podman,
  postgres,
  startContainer,
  waitForContainer,
  waitForHttp,
} from '../support/containers.js';
import { describeWithEnv } from '../support/env.js';
import { repoRoot } from '../support/kube-tools.js';

const BUILD_TIMEOUT = 20 * 60_000;
const MB = 1_000_000;

/** A suite for code that is not in this tree yet is reported as not run, with the reason. */
function describeWhenPresent(name: string, paths: string[], body: () => void): void {
  const absent = paths.filter((path) => !inRepo(path));
  if (absent.length === 0) describe(name, body);
  else describe.skip(`${name} [not run: ${absent.join(', ')} not in this tree]`, body);
}

/** One JSON-RPC call to a stateless Streamable HTTP MCP endpoint (JSON or SSE answer). */
async function mcpCall(
  url: string,
  token: string,
  id: number,
  method: string,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-06-18',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
  });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  const json = response.headers.get('content-type')?.includes('text/event-stream')
    ? text
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
        .pop()
    : text;
  const message = JSON.parse(json ?? '{}') as { result?: Record<string, unknown>; error?: unknown };
  expect(message.error, JSON.stringify(message.error)).toBeUndefined();
  return message.result ?? {};
}

describeWithEnv('container images (buildah + podman)', containersMissing(), () => {
  let base = '';
  let baseSize = 0;

  beforeAll(async () => {
    base = await buildBase();
    baseSize = await imageSize(base);
  }, BUILD_TIMEOUT);

  it('the stand-in Node base runs node as the node user (uid 1000)', async () => {
    const out = await podman([
      'run',
      '--rm',
      '--network',
      'host',
      '--user',
      'node',
      base,
      'node',
      '-e',
      'console.log(JSON.stringify({ uid: process.getuid(), node: process.versions.node }))',
    ]);
    const seen = JSON.parse(out.trim()) as { uid: number; node: string };
    expect(seen.uid).toBe(1000);
    expect(seen.node).toMatch(/^24\./);
  });

  describeWhenPresent('ops image: the MCP server over HTTP', ['src/mcp'], () => {
    const token = randomBytes(24).toString('hex');
    let image = '';
    let port = 0;
    let container: Container | undefined;

    beforeAll(async () => {
      image = await buildImage('ops');
      port = await freePort();
      // The image's own CMD (0.0.0.0:7070), published on a free loopback port.
      container = await startContainer(image, {
        publish: { 7070: port },
        env: { TODO_OPS_MCP_TOKEN: token },
      });
      if (container) await waitForContainer(container, `http://127.0.0.1:${port}/healthz`);
    }, BUILD_TIMEOUT);

    afterAll(async () => {
      await container?.remove(5);
    });

    it('runs as a non-root user and its HEALTHCHECK passes', async () => {
      expect(Number((await container?.exec(['id', '-u']))?.trim())).toBeGreaterThan(0);
      const check = await healthcheckCommand(image);
      expect(check?.[0]).toBe('node');
      await container?.exec(check ?? []);
    });

    it('answers MCP initialize and tools/list', async () => {
      const url = `http://127.0.0.1:${port}/mcp`;
      const init = await mcpCall(url, token, 1, 'initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'containers-test', version: '0' },
      });
      expect((init.serverInfo as { name?: string } | undefined)?.name).toBeTruthy();
      const listed = await mcpCall(url, token, 2, 'tools/list', {});
      const tools = (listed.tools as { name: string }[] | undefined) ?? [];
      expect(tools.length).toBeGreaterThan(0);
    });

    it('refuses a request without the bearer token', async () => {
      const response = await fetch(`http://127.0.0.1:${port}/mcp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
      });
      expect(response.status).toBe(401);
    });

    it('own layers stay small', async () => {
      const own = (await imageSize(image)) - baseSize;
      process.stdout.write(`ops image: ${(own / MB).toFixed(1)} MB own layers on the base\n`);
      expect(own).toBeLessThan(150 * MB);
    });
  });

  describeWhenPresent(
    'backend image on a real PostgreSQL',
    ['app/backend/package.json', 'scripts/test-env/postgres.sh'],
    () => {
      const pgInstance = 'containers';
      let image = '';
      let port = 0;
      let backend: Container | undefined;

      beforeAll(async () => {
        image = await buildImage('backend');
        const databaseUrl = await postgres('start', pgInstance);
        port = await freePort();
        backend = await startContainer(image, {
          env: {
            DATABASE_URL: databaseUrl,
            JWT_SECRET: randomBytes(32).toString('hex'),
            PORT: String(port),
            LOG_LEVEL: 'warn',
          },
        });
        if (backend) await waitForContainer(backend, `http://127.0.0.1:${port}/health`);
      }, BUILD_TIMEOUT);

      afterAll(async () => {
        await backend?.remove(15);
        await postgres('destroy', pgInstance).catch(() => '');
      });

      it('answers /health healthy with the database connected', async () => {
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ status: 'healthy', database: 'connected' });
      });

      it('runs as a non-root user and its HEALTHCHECK passes', async () => {
        expect(Number((await backend?.exec(['id', '-u']))?.trim())).toBeGreaterThan(0);
        const check = await healthcheckCommand(image);
        expect(check?.[0]).toBe('node');
        await backend?.exec(check ?? []);
      });

      it('own layers stay small', async () => {
        const own = (await imageSize(image)) - baseSize;
        process.stdout.write(`backend image: ${(own / MB).toFixed(1)} MB own layers on the base\n`);
        expect(own).toBeLessThan(100 * MB);
      });

      describeWhenPresent('frontend image in front of it', ['app/frontend/package.json'], () => {
        let ui = '';
        let frontend: Container | undefined;
        let frontendImage = '';

        beforeAll(async () => {
          frontendImage = await buildImage('frontend');
          const uiPort = await freePort();
          frontend = await startContainer(frontendImage, {
            env: { PORT: String(uiPort), BACKEND_URL: `http://127.0.0.1:${port}` },
          });
          ui = `http://127.0.0.1:${uiPort}`;
          if (frontend) await waitForContainer(frontend, `${ui}/`);
        }, BUILD_TIMEOUT);

        afterAll(async () => {
          await frontend?.remove(15);
        });

        it('serves the UI', async () => {
          const response = await fetch(`${ui}/`);
          expect(response.status).toBe(200);
          expect(response.headers.get('content-type')).toMatch(/text\/html/);
          expect(await response.text()).toMatch(/<html/i);
        });

        it('signs up, signs in and does task CRUD through its /api', async () => {
          const api = async (method: string, path: string, body?: unknown, token?: string) => {
            const response = await fetch(`${ui}/api${path}`, {
              method,
              headers: {
                ...(body === undefined ? {} : { 'content-type': 'application/json' }),
                ...(token ? { authorization: `Bearer ${token}` } : {}),
              },
              ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            });
            const text = await response.text();
            return {
              status: response.status,
              body: text ? (JSON.parse(text) as unknown) : undefined,
            };
          };
          const email = `c${randomBytes(6).toString('hex')}@example.com`;
          const password = 'containers-test-password';
          const signup = await api('POST', '/auth/signup', { email, password, name: 'Container' });
          expect(signup.status, JSON.stringify(signup.body)).toBe(201);
          const signin = await api('POST', '/auth/signin', { email, password });
          expect(signin.status, JSON.stringify(signin.body)).toBe(200);
          const { token, user } = signin.body as { token: string; user: { id: number } };
          const tasks = `/${user.id}/tasks`;

          const created = await api('POST', tasks, { title: 'ship the images' }, token);
          expect(created.status).toBe(201);
          const task = created.body as { id: number; title: string; completed: boolean };
          expect(task).toMatchObject({ title: 'ship the images', completed: false });

          const listed = await api('GET', tasks, undefined, token);
          expect((listed.body as { id: number }[]).map((t) => t.id)).toContain(task.id);

          const updated = await api('PUT', `${tasks}/${task.id}`, { title: 'ship them' }, token);
          expect(updated.body).toMatchObject({ id: task.id, title: 'ship them' });

          const toggled = await api('PATCH', `${tasks}/${task.id}/complete`, undefined, token);
          expect(toggled.body).toMatchObject({ id: task.id, completed: true });

          expect((await api('DELETE', `${tasks}/${task.id}`, undefined, token)).status).toBe(204);
          expect((await api('GET', `${tasks}/${task.id}`, undefined, token)).status).toBe(404);
          expect((await api('GET', tasks, undefined, undefined)).status).toBe(401);
        });

        it('runs as a non-root user and its HEALTHCHECK passes', async () => {
          expect(Number((await frontend?.exec(['id', '-u']))?.trim())).toBeGreaterThan(0);
          const check = await healthcheckCommand(frontendImage);
          expect(check?.[0]).toBe('node');
          await frontend?.exec(check ?? []);
        });

        it('own layers stay small', async () => {
          const own = (await imageSize(frontendImage)) - baseSize;
          process.stdout.write(
            `frontend image: ${(own / MB).toFixed(1)} MB own layers on the base\n`,
          );
          expect(own).toBeLessThan(100 * MB);
        });
      });

      it('answers /health 503 while PostgreSQL is stopped, and recovers', async () => {
        await postgres('stop', pgInstance);
        const down = await waitForHttp(`http://127.0.0.1:${port}/health`, { status: 503 });
        expect(await down.json()).toMatchObject({ status: 'unhealthy' });
        await postgres('start', pgInstance);
        await waitForHttp(`http://127.0.0.1:${port}/health`, { status: 200 });
      });
    },
  );
});

function composeMissing(): string | undefined {
  try {
    execFileSync('docker-compose', ['--version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'docker-compose missing: run scripts/test-env/images.sh install';
  }
}

describeWithEnv('docker-compose.yml', composeMissing(), () => {
  /** `docker-compose config` in a scratch copy (so no .env of the developer is read). */
  function composeConfig(env: Record<string, string>): { status: number; output: string } {
    const dir = mkdtempSync(join(tmpdir(), 'todo-compose-'));
    copyFileSync(join(repoRoot, 'docker-compose.yml'), join(dir, 'docker-compose.yml'));
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(
        ([key]) =>
          !/^(POSTGRES_|JWT_SECRET|OPENAI_|BACKEND_PORT|FRONTEND_PORT|NODE_IMAGE)/.test(key),
      ),
    );
    const result = spawnSync('docker-compose', ['config'], {
      cwd: dir,
      env: { ...clean, ...env },
      encoding: 'utf8',
    });
    rmSync(dir, { recursive: true, force: true });
    return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
  }

  it('stops with the name of a missing required variable', () => {
    const noPassword = composeConfig({ JWT_SECRET: 'x'.repeat(32) });
    expect(noPassword.status).not.toBe(0);
    expect(noPassword.output).toContain('set POSTGRES_PASSWORD in .env');
    const noSecret = composeConfig({ POSTGRES_PASSWORD: 'pw' });
    expect(noSecret.status).not.toBe(0);
    expect(noSecret.output).toContain('set JWT_SECRET in .env');
  });

  it('wires PostgreSQL, the API and the UI from the repository Dockerfiles', () => {
    const { status, output } = composeConfig({
      POSTGRES_PASSWORD: 'pw1234',
      JWT_SECRET: 'y'.repeat(40),
    });
    expect(status, output).toBe(0);
    const config = parse(output) as {
      services: Record<string, Record<string, unknown>>;
      volumes: Record<string, unknown>;
    };
    const { postgres, backend, frontend } = config.services;
    expect(postgres?.image).toMatch(/^postgres:/);
    expect(postgres?.healthcheck).toBeDefined();
    expect(Object.keys(config.volumes)).toContain('postgres-data');
    expect(backend?.build).toMatchObject({ dockerfile: 'docker/backend.Dockerfile' });
    expect(backend?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(backend?.environment).toMatchObject({
      DATABASE_URL: 'postgresql://todo:pw1234@postgres:5432/todo',
      JWT_SECRET: 'y'.repeat(40),
    });
    expect(frontend?.build).toMatchObject({ dockerfile: 'docker/frontend.Dockerfile' });
    expect(frontend?.environment).toMatchObject({ BACKEND_URL: 'http://backend:8000' });
    expect(JSON.stringify(config.services)).toMatch(/8000/);
    expect(JSON.stringify(frontend?.ports)).toMatch(/3000/);
  });
});
