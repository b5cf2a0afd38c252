import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithEnv } from '../../../test/support/env.ts';
import { signToken } from '../src/auth/jwt.ts';
import type { Database } from '../src/db/database.ts';
import { dbTargets, type FreshDatabase, type RunningApi, signUp, startApi } from './support/api.ts';

for (const target of dbTargets()) {
  describeWithEnv(`auth and tasks API on ${target.name}`, target.missing, () => {
    let fresh: FreshDatabase;
    let database: Database;
    let api: RunningApi;
    const logLines: string[] = [];

    beforeAll(async () => {
      fresh = await target.create();
      database = await fresh.open();
      api = await startApi(
        database,
        { LOG_LEVEL: 'debug', SIGNIN_RATE_LIMIT: '3' },
        { write: (line) => void logLines.push(line) },
      );
    });
    afterAll(async () => {
      await api?.close();
      await database?.close();
      await fresh?.drop();
    });

    describe('sign-up and sign-in', () => {
      it('signs up, then signs in with the same credentials, case-insensitive email', async () => {
        const user = await signUp(api, 'alice');
        const signin = await api.request('POST', '/api/auth/signin', {
          body: { email: user.email.toUpperCase(), password: user.password },
        });
        expect(signin.status).toBe(200);
        expect(signin.body.user).toMatchObject({ id: user.id, email: user.email, name: 'alice' });
        expect(signin.body.user).not.toHaveProperty('password_hash');
        const tasks = await api.request('GET', `/api/${user.id}/tasks`, {
          token: signin.body.token,
        });
        expect(tasks.status).toBe(200);
      });

      it("deletes the caller's own account with its tasks (DELETE /api/auth/me)", async () => {
        const user = await signUp(api, 'leaving');
        const other = await signUp(api, 'staying');
        const task = await api.request('POST', `/api/${user.id}/tasks`, {
          token: user.token,
          body: { title: 'goes with the account' },
        });
        expect(task.status).toBe(201);
        expect((await api.request('DELETE', '/api/auth/me')).status).toBe(401);
        expect((await api.request('DELETE', '/api/auth/me', { token: user.token })).status).toBe(
          204,
        );
        const signin = await api.request('POST', '/api/auth/signin', {
          body: { email: user.email, password: user.password },
        });
        expect(signin.status).toBe(401);
        expect((await api.request('DELETE', '/api/auth/me', { token: user.token })).status).toBe(
          404,
        );
        const kept = await api.request('GET', `/api/${other.id}/tasks`, { token: other.token });
        expect(kept.status).toBe(200);
      });

      it('issues an HS256 token valid for 7 days', async () => {
        const user = await signUp(api);
        const [header, payload] = user.token.split('.') as [string, string];
        expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({
          alg: 'HS256',
        });
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
        expect(claims.sub).toBe(String(user.id));
        expect(claims.exp - claims.iat).toBe(7 * 24 * 3600);
      });

      it('refuses a second account with the same email (409) and a wrong password (401)', async () => {
        const user = await signUp(api);
        const again = await api.request('POST', '/api/auth/signup', {
          body: { email: user.email, password: 'another password' },
        });
        expect(again.status).toBe(409);
        expect(again.body.field).toBe('email');
        const wrong = await api.request('POST', '/api/auth/signin', {
          body: { email: user.email, password: 'wrong password' },
        });
        expect(wrong.status).toBe(401);
        const unknown = await api.request('POST', '/api/auth/signin', {
          body: { email: `nobody-${user.email}`, password: 'whatever1' },
        });
        expect(unknown.status).toBe(401);
        expect(unknown.body.message).toBe(wrong.body.message);
      });

      it('rate-limits sign-in attempts per account', async () => {
        const user = await signUp(api);
        const attempt = () =>
          api.request('POST', '/api/auth/signin', {
            body: { email: user.email, password: 'nope-nope' },
          });
        for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
        const limited = await attempt();
        expect(limited.status).toBe(429);
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
        // Even the right password waits: that is what stops a brute force.
        const right = await api.request('POST', '/api/auth/signin', {
          body: { email: user.email, password: user.password },
        });
        expect(right.status).toBe(429);
      });

      it.each([
        [{ password: 'long enough' }, 'email'],
        [{ email: 'not-an-email', password: 'long enough' }, 'email'],
        [{ email: 'a@example.com', password: 'short' }, 'password'],
        [{ email: 'a@example.com', password: 12345678 }, 'password'],
        [{ email: 'a@example.com', password: 'x'.repeat(129) }, 'password'],
      ])('rejects sign-up body %j naming %s', async (body, field) => {
        const response = await api.request('POST', '/api/auth/signup', { body });
        expect(response.status).toBe(400);
        expect(response.body.field).toBe(field);
        expect(response.body.message).toContain(field);
      });
    });

    describe('authentication and ownership', () => {
      it('answers 401 without a token, with a bad one, and with one signed by another secret', async () => {
        const user = await signUp(api);
        for (const token of [
          undefined,
          'garbage',
          `${user.token}x`,
          signToken(user.id, 'another-secret-'.padEnd(40, 'y')),
        ]) {
          const response = await api.request(
            'GET',
            `/api/${user.id}/tasks`,
            token ? { token } : {},
          );
          expect(response.status).toBe(401);
          expect(response.body.error).toBe('unauthorized');
        }
      });

      it('answers 401 for an expired token', async () => {
        const user = await signUp(api);
        const eightDaysAgo = Date.now() - 8 * 24 * 3600 * 1000;
        const expired = signToken(user.id, 'test-secret-'.padEnd(40, 'x'), eightDaysAgo);
        const response = await api.request('GET', `/api/${user.id}/tasks`, { token: expired });
        expect(response.status).toBe(401);
      });

      it("answers 403 when the path's user_id is not the token's user", async () => {
        const alice = await signUp(api, 'alice');
        const bob = await signUp(api, 'bob');
        const response = await api.request('GET', `/api/${alice.id}/tasks`, { token: bob.token });
        expect(response.status).toBe(403);
        const create = await api.request('POST', `/api/${alice.id}/tasks`, {
          token: bob.token,
          body: { title: 'sneaky' },
        });
        expect(create.status).toBe(403);
        expect(
          (await api.request('GET', `/api/${alice.id}/tasks`, { token: alice.token })).body,
        ).toEqual([]);
      });

      it('keeps users apart: another user neither sees nor changes a task (404)', async () => {
        const alice = await signUp(api, 'alice');
        const bob = await signUp(api, 'bob');
        const created = await api.request('POST', `/api/${alice.id}/tasks`, {
          token: alice.token,
          body: { title: 'alice only' },
        });
        const id = created.body.id as number;
        const asBob = (method: string, path: string, body?: unknown) =>
          api.request(method, `/api/${bob.id}${path}`, {
            token: bob.token,
            ...(body !== undefined && { body }),
          });
        expect((await asBob('GET', '/tasks')).body).toEqual([]);
        expect((await asBob('GET', `/tasks/${id}`)).status).toBe(404);
        expect((await asBob('PUT', `/tasks/${id}`, { title: 'mine now' })).status).toBe(404);
        expect((await asBob('PATCH', `/tasks/${id}/complete`)).status).toBe(404);
        expect((await asBob('DELETE', `/tasks/${id}`)).status).toBe(404);
        const still = await api.request('GET', `/api/${alice.id}/tasks/${id}`, {
          token: alice.token,
        });
        expect(still.body).toMatchObject({ id, title: 'alice only', completed: false });
      });
    });

    describe('tasks', () => {
      it('creates, reads, updates, toggles, filters and deletes a task', async () => {
        const user = await signUp(api);
        const call = (method: string, path: string, body?: unknown) =>
          api.request(method, `/api/${user.id}${path}`, {
            token: user.token,
            ...(body !== undefined && { body }),
          });

        const created = await call('POST', '/tasks', {
          title: '  Buy milk  ',
          description: '2 litres',
        });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({
          user_id: user.id,
          title: 'Buy milk',
          description: '2 litres',
          completed: false,
        });
        expect(Number.isInteger(created.body.id)).toBe(true);
        expect(Date.parse(created.body.created_at)).not.toBeNaN();
        const id = created.body.id as number;
        const other = (await call('POST', '/tasks', { title: 'Walk the dog' })).body;
        expect(other.description).toBeNull();

        expect((await call('GET', `/tasks/${id}`)).body).toEqual(created.body);

        const updated = await call('PUT', `/tasks/${id}`, {
          title: 'Buy oat milk',
          description: null,
        });
        expect(updated.status).toBe(200);
        expect(updated.body).toMatchObject({
          id,
          title: 'Buy oat milk',
          description: null,
          completed: false,
        });
        expect(Date.parse(updated.body.updated_at)).toBeGreaterThanOrEqual(
          Date.parse(created.body.updated_at),
        );

        const toggled = await call('PATCH', `/tasks/${id}/complete`);
        expect(toggled.body.completed).toBe(true);

        const titles = async (status: string) =>
          ((await call('GET', `/tasks?status=${status}`)).body as { title: string }[]).map(
            (t) => t.title,
          );
        expect(await titles('all')).toEqual(['Buy oat milk', 'Walk the dog']);
        expect(await titles('completed')).toEqual(['Buy oat milk']);
        expect(await titles('pending')).toEqual(['Walk the dog']);
        expect(((await call('GET', '/tasks')).body as unknown[]).length).toBe(2);

        expect((await call('PATCH', `/tasks/${id}/complete`)).body.completed).toBe(false);
        expect((await call('PUT', `/tasks/${id}`, { completed: true })).body.completed).toBe(true);

        const deleted = await call('DELETE', `/tasks/${id}`);
        expect(deleted.status).toBe(204);
        expect((await call('GET', `/tasks/${id}`)).status).toBe(404);
        expect((await call('DELETE', `/tasks/${id}`)).status).toBe(404);
        expect(await titles('all')).toEqual(['Walk the dog']);
      });

      it.each([
        ['POST', '/tasks', { rawBody: '{"title": "unterminated' }, 'body', 400],
        ['POST', '/tasks', { body: {} }, 'title', 400],
        ['POST', '/tasks', { body: { title: 42 } }, 'title', 400],
        ['POST', '/tasks', { body: { title: '   ' } }, 'title', 400],
        ['POST', '/tasks', { body: { title: 'x'.repeat(201) } }, 'title', 400],
        [
          'POST',
          '/tasks',
          { body: { title: 'ok', description: 'x'.repeat(1001) } },
          'description',
          400,
        ],
        ['POST', '/tasks', { body: { title: 'ok', completed: 'yes' } }, 'body', 400],
        ['POST', '/tasks', { body: ['title'] }, 'body', 400],
        ['PUT', '/tasks/1', { body: {} }, 'body', 400],
        ['PUT', '/tasks/1', { body: { completed: 'true' } }, 'completed', 400],
        ['GET', '/tasks/abc', {}, 'id', 400],
        ['GET', '/tasks/-1', {}, 'id', 400],
        ['GET', '/tasks/1.5', {}, 'id', 400],
        ['GET', '/tasks/99999999999', {}, 'id', 400],
        ['GET', '/tasks?status=done', {}, 'status', 400],
        ['POST', '/tasks', { rawBody: JSON.stringify({ title: 'x'.repeat(70_000) }) }, 'body', 413],
      ] as const)(
        '%s %s with bad input %j names %s',
        async (method, path, options, field, status) => {
          const user = await signUp(api);
          const response = await api.request(method, `/api/${user.id}${path}`, {
            token: user.token,
            ...options,
          });
          expect(response.status).toBe(status);
          expect(response.body.field).toBe(field);
          expect(response.body.message).toContain(field);
          // Nothing was half written.
          expect(
            (await api.request('GET', `/api/${user.id}/tasks`, { token: user.token })).body,
          ).toEqual([]);
        },
      );

      it('answers 400 for a bad user_id before looking at ownership', async () => {
        const user = await signUp(api);
        const response = await api.request('GET', '/api/abc/tasks', { token: user.token });
        expect(response.status).toBe(400);
        expect(response.body.field).toBe('user_id');
      });
    });

    it('never logs passwords or tokens', async () => {
      const user = await signUp(api, 'logcheck');
      await api.request('POST', '/api/auth/signin', {
        body: { email: user.email, password: user.password },
      });
      await api.request('GET', `/api/${user.id}/tasks`, { token: user.token });
      const logs = logLines.join('\n');
      expect(logs).toContain('/api/auth/signin');
      expect(logs).not.toContain(user.password);
      expect(logs).not.toContain(user.token);
    });
  });
}
