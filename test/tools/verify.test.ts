import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../tools/config.js';
import { createDeps } from '../../tools/deps.js';
import { verifyTool } from '../../tools/verify.js';

// An HTTP server speaking the todo API's contract (DESIGN.md), so verify's requests are real.
const users = new Map<string, { id: number; password: string }>();
const tasks = new Map<number, { id: number; title: string; completed: boolean }>();
let nextId = 1;
let deletedUser = false;
const body = (req: IncomingMessage) =>
  new Promise<Record<string, unknown>>((resolve) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => resolve(text ? JSON.parse(text) : {}));
  });
let server: Server;
let url = '';
beforeAll(async () => {
  server = createServer(async (req, res) => {
    const send = (status: number, value?: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(value === undefined ? '' : JSON.stringify(value));
    };
    const path = req.url ?? '';
    const input = await body(req);
    if (path === '/health') return send(200, { status: 'healthy', database: 'connected' });
    if (path === '/api/auth/signup') {
      const id = nextId++;
      users.set(String(input.email), { id, password: String(input.password) });
      return send(201, { token: 'signup-token', user: { id, email: input.email } });
    }
    if (path === '/api/auth/signin') {
      const user = users.get(String(input.email));
      return user && user.password === input.password
        ? send(200, {
            token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXZhbHVl',
            user: { id: user.id },
          })
        : send(401, { error: 'bad credentials' });
    }
    if (!req.headers.authorization?.startsWith('Bearer ')) return send(401, { error: 'no token' });
    if (path === '/api/auth/me' && req.method === 'DELETE') {
      deletedUser = true;
      return send(204);
    }
    const m = path.match(/^\/api\/(\d+)\/tasks(?:\/(\d+))?(\/complete)?/);
    if (m) {
      const id = Number(m[2]);
      if (req.method === 'POST') {
        const task = { id: nextId++, title: String(input.title), completed: false };
        tasks.set(task.id, task);
        return send(201, task);
      }
      if (req.method === 'GET') return send(200, [...tasks.values()]);
      if (req.method === 'PUT') return send(200, { ...tasks.get(id), title: input.title });
      if (req.method === 'PATCH') return send(200, { ...tasks.get(id), completed: true });
      if (req.method === 'DELETE') {
        tasks.delete(id);
        return send(204);
      }
    }
    if (path.endsWith('/chat')) return send(503, { error: 'chat is not configured' });
    return send(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => server.close());

describe('verify', () => {
  it('walks health, sign-up, sign-in and task CRUD, then cleans up', async () => {
    const deps = createDeps(loadConfig({}, {}), { env: { TODO_OPS_VERIFY_URL: url } });
    const result = await verifyTool.run({}, { deps });
    expect(result.ok).toBe(true);
    const steps = result.ok ? result.data.steps.map((s) => s.step) : [];
    expect(steps).toEqual([
      'health',
      'sign up',
      'sign in',
      'create task',
      'list tasks',
      'update task',
      'complete task',
      'chat',
      'delete task',
      'remove throwaway user',
    ]);
    expect(tasks.size).toBe(0);
    expect(deletedUser).toBe(true);
    // The token never appears in what verify returns.
    expect(JSON.stringify(result)).not.toContain('c2lnbmF0dXJlLXZhbHVl');
  });

  it('fails with the step that broke', async () => {
    const deps = createDeps(loadConfig({}, {}), {
      env: { TODO_OPS_VERIFY_URL: url.replace(/:\d+\//, ':9/') },
    });
    const result = await verifyTool.run({}, { deps });
    expect(result).toMatchObject({ ok: false, error: { kind: 'failed' } });
  });
});
