import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, inject, it, vi } from 'vitest';
import { describeWithEnv } from '../../../test/support/env.ts';
import type { Database } from '../src/db/database.ts';
import {
  createPostgresDatabase,
  dbTargets,
  type FreshDatabase,
  type RunningApi,
  signUp,
  startApi,
} from './support/api.ts';

const run = promisify(execFile);

for (const target of dbTargets()) {
  describeWithEnv(`health on ${target.name}`, target.missing, () => {
    let fresh: FreshDatabase;
    let database: Database;
    let api: RunningApi;

    beforeAll(async () => {
      fresh = await target.create();
      database = await fresh.open();
      api = await startApi(database);
    });
    afterAll(async () => {
      await api?.close();
      await database?.close();
      await fresh?.drop();
    });

    it('reports a connected database and a live process, without authentication', async () => {
      const health = await api.request('GET', '/health');
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: 'healthy', database: 'connected' });
      const live = await api.request('GET', '/livez');
      expect(live.status).toBe(200);
    });

    it('answers unknown routes with a JSON 404', async () => {
      const response = await api.request('GET', '/api/nothing/here/at/all');
      expect(response.status).toBe(404);
      expect(response.body.error).toBe('not_found');
    });
  });
}

// Stopping PostgreSQL under the other suites would break them: this one has its own server.
for (const target of dbTargets().filter((t) => t.name === 'postgres')) {
  describeWithEnv('health follows a PostgreSQL outage and recovery', target.missing, () => {
    const script = inject('postgresScript');
    const instance = 'health';
    let fresh: FreshDatabase;
    let database: Database;
    let api: RunningApi;

    beforeAll(async () => {
      const { stdout } = await run('bash', [script, 'start', instance]);
      fresh = await createPostgresDatabase(stdout.trim());
      database = await fresh.open();
      api = await startApi(database);
    });
    afterAll(async () => {
      await api?.close();
      await database?.close();
      await run('bash', [script, 'start', instance]);
      await fresh?.drop();
      await run('bash', [script, 'stop', instance]);
    });

    it('turns 503 while PostgreSQL is down and 200 again when it is back, without a restart', async () => {
      const user = await signUp(api);
      expect((await api.request('GET', '/health')).status).toBe(200);

      await run('bash', [script, 'stop', instance]);
      await vi.waitFor(
        async () => {
          const health = await api.request('GET', '/health');
          expect(health.status).toBe(503);
          expect(health.body).toEqual({ status: 'unhealthy', database: 'disconnected' });
        },
        { timeout: 20_000, interval: 200 },
      );
      expect((await api.request('GET', '/livez')).status).toBe(200);
      const during = await api.request('GET', `/api/${user.id}/tasks`, { token: user.token });
      expect(during.status).toBe(503);
      expect(during.body.error).toBe('database_unavailable');

      await run('bash', [script, 'start', instance]);
      await vi.waitFor(
        async () => {
          expect((await api.request('GET', '/health')).status).toBe(200);
        },
        { timeout: 30_000, interval: 200 },
      );
      const after = await api.request('POST', `/api/${user.id}/tasks`, {
        token: user.token,
        body: { title: 'back' },
      });
      expect(after.status).toBe(201);
    });
  });
}
