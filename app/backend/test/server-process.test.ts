/** The built server run with plain node, as the container will run it. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeWithEnv } from '../../../test/support/env.ts';
import { dbTargets, type FreshDatabase } from './support/api.ts';
import { type ScriptedOpenAI, startScriptedOpenAI } from './support/scripted-openai.ts';

const serverJs = fileURLToPath(new URL('../dist/server.js', import.meta.url));
const JWT_SECRET = 'process-test-secret-'.padEnd(48, 'z');

interface Spawned {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startServer(env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, [serverJs], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return { child, output: () => output, exited };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('server start-up configuration', () => {
  it.each([
    [{}, 'JWT_SECRET'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ JWT_SECRET, PORT: 'eighty' }, 'PORT'],
    [{ JWT_SECRET, DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ JWT_SECRET, LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('exits non-zero with one line naming the variable for %j', async (env, name) => {
    const server = startServer(env);
    const { code } = await server.exited;
    expect(code).toBe(2);
    const lines = server.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
    expect(server.output()).not.toMatch(/\n\s+at /);
  });
});

describe('server start-up with the database unreachable', () => {
  it('stays up: /livez 200, /health and /api 503, and still stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const deadDatabasePort = await freePort();
    const server = startServer({
      JWT_SECRET,
      PORT: String(port),
      DATABASE_URL: `postgres://todo:secret-password@127.0.0.1:${deadDatabasePort}/todo`,
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      await vi.waitFor(
        async () => {
          expect(server.child.exitCode).toBeNull();
          expect((await fetch(`${base}/livez`)).status).toBe(200);
        },
        { timeout: 60_000, interval: 100 },
      );
      await vi.waitFor(() => expect(server.output()).toContain('retrying migrations'), {
        timeout: 30_000,
        interval: 100,
      });
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'unhealthy', database: 'disconnected' });
      const signup = await fetch(`${base}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'early@example.com', password: 'password123' }),
      });
      expect(signup.status).toBe(503);
      server.child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);
      expect(server.output()).not.toContain('secret-password');
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });
});

for (const target of dbTargets()) {
  describeWithEnv(`graceful shutdown on ${target.name}`, target.missing, () => {
    let model: ScriptedOpenAI;
    let fresh: FreshDatabase;
    let dataDir: string;

    beforeAll(async () => {
      model = await startScriptedOpenAI();
      fresh = await target.create();
      dataDir = await mkdtemp(join(tmpdir(), 'todo-api-process-'));
    });
    afterAll(async () => {
      await model?.close();
      await fresh?.drop();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('on SIGTERM stops accepting, completes every in-flight request and exits 0 within 10 s', async () => {
      const port = await freePort();
      const server = startServer({
        JWT_SECRET,
        PORT: String(port),
        OPENAI_API_KEY: 'sk-process-test',
        OPENAI_BASE_URL: model.url,
        OPENAI_MAX_RETRIES: '0',
        ...(fresh.url ? { DATABASE_URL: fresh.url } : { TODO_DATA_DIR: join(dataDir, 'db') }),
      });
      try {
        const base = `http://127.0.0.1:${port}`;
        await vi.waitFor(
          async () => {
            expect(server.child.exitCode).toBeNull();
            expect((await fetch(`${base}/health`)).status).toBe(200);
          },
          { timeout: 120_000, interval: 100 },
        );
        const signup = await fetch(`${base}/api/auth/signup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'load@example.com', password: 'password123' }),
        });
        const { token, user } = (await signup.json()) as { token: string; user: { id: number } };
        const post = (path: string, body: unknown) =>
          fetch(`${base}/api/${user.id}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(body),
          });

        // Chat turns held open by the model: in flight for sure when SIGTERM arrives.
        let release = () => {};
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        const chats = 5;
        for (let i = 0; i < chats; i++)
          model.enqueue({ hold: held, after: { text: `answer ${i}` } });
        const before = model.requests.length;
        const chatResponses = Array.from({ length: chats }, (_, i) =>
          post('/chat', { message: `turn ${i}` }),
        );
        // Requests still in the kernel's accept queue when the listener closes are reset:
        // they were never in flight. Every request the server did receive must complete.
        const creates = Array.from({ length: 30 }, (_, i) =>
          post('/tasks', { title: `load ${i}` }).then(
            (r) => r.status,
            () => 'not accepted',
          ),
        );
        await model.waitForRequests(before + chats);

        const signalledAt = Date.now();
        server.child.kill('SIGTERM');
        await vi.waitFor(async () => expect(await refusesConnections(port)).toBe(true), {
          timeout: 10_000,
          interval: 50,
        });
        release();

        const answers = await Promise.all(
          chatResponses.map(async (response) => {
            const r = await response;
            return { status: r.status, body: (await r.json()) as { response: string } };
          }),
        );
        expect(answers.map((a) => a.status)).toEqual(Array(chats).fill(200));
        expect(answers.map((a) => a.body.response).sort()).toEqual(
          Array.from({ length: chats }, (_, i) => `answer ${i}`),
        );
        const createStatuses = await Promise.all(creates);
        expect(createStatuses.every((s) => s === 201 || s === 'not accepted')).toBe(true);

        const { code } = await server.exited;
        expect(code).toBe(0);
        expect(Date.now() - signalledAt).toBeLessThan(10_000);
        const logs = server.output();
        const entries = logs
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map(
            (line) =>
              JSON.parse(line) as {
                reqId?: string;
                msg: string;
                req?: { url: string };
                res?: { statusCode: number };
              },
          );
        // The readiness polls before the load (503 while migrating) are not part of it.
        const received = entries
          .filter((e) => e.msg === 'incoming request' && e.req?.url !== '/health')
          .map((e) => e.reqId);
        const completed = new Map(
          entries
            .filter((e) => e.msg === 'request completed')
            .map((e) => [e.reqId, e.res?.statusCode]),
        );
        expect(received.length).toBeGreaterThan(chats);
        for (const id of received) expect(completed.get(id), `request ${id}`).toBeLessThan(500);
        // The sign-up was received too.
        expect(createStatuses.filter((s) => s === 201).length).toBe(received.length - chats - 1);
        expect(logs).toContain('shutting down');
        expect(logs).toContain('"msg":"stopped"');
        expect(logs).not.toContain(JWT_SECRET);
        expect(logs).not.toContain('sk-process-test');
        expect(logs).not.toContain(token);
        if (fresh.url) expect(logs).not.toContain(new URL(fresh.url).password);
      } finally {
        if (server.child.exitCode === null) server.child.kill('SIGKILL');
      }
    });
  });
}
