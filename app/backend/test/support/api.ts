/**
 * Test harness: the databases the suite runs on, and the API listening on a loopback port
 * so every test goes through real HTTP.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { chatModelFromConfig } from '../../src/chat/agent.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { type Database, openPglite, openPostgres } from '../../src/db/database.ts';

/** A database the suite runs on; `missing` says why it is not available. */
export interface DbTarget {
  name: 'pglite' | 'postgres';
  missing: string | undefined;
  /** Creates a fresh, empty database and returns how to open it (again, after a restart). */
  create(): Promise<FreshDatabase>;
}

export interface FreshDatabase {
  /** Opens a new connection/instance on the same data. */
  open(): Promise<Database>;
  /** The PostgreSQL URL, for the PostgreSQL target. */
  url?: string;
  /** Deletes the data. */
  drop(): Promise<void>;
}

const pgliteTarget: DbTarget = {
  name: 'pglite',
  missing: undefined,
  async create() {
    const dir = await mkdtemp(join(tmpdir(), 'todo-api-pglite-'));
    const dataDir = join(dir, 'data');
    return {
      open: () => openPglite(dataDir),
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  },
};

/** Creates a uniquely named database on the PostgreSQL test server. */
export async function createPostgresDatabase(serverUrl: string): Promise<FreshDatabase> {
  const name = `todo_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    open: async () => openPostgres({ url: url.toString(), poolMax: 5 }),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** PGlite always; PostgreSQL too in `npm run test:all`. */
export function dbTargets(): DbTarget[] {
  if (process.env.TODO_OPS_TEST_ALL !== '1') return [pgliteTarget];
  const url = inject('postgresUrl');
  return [
    pgliteTarget,
    {
      name: 'postgres',
      missing: url
        ? undefined
        : (inject('postgresMissing') ?? 'PostgreSQL test server not started'),
      create: () => createPostgresDatabase(url ?? ''),
    },
  ];
}

/** A valid test configuration, with overrides, parsed by the real parser. */
export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  const loaded = loadConfig({
    JWT_SECRET: 'test-secret-'.padEnd(40, 'x'),
    LOG_LEVEL: 'silent',
    ...overrides,
  });
  if (!loaded.ok) throw new Error(loaded.message);
  return loaded.config;
}

/** A response; `body` is parsed JSON (or text), checked by each test's assertions. */
export interface ApiResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
  body: any;
  headers: Headers;
}

/** The API listening on 127.0.0.1, plus a fetch helper. */
export interface RunningApi {
  app: FastifyInstance;
  url: string;
  database: Database;
  /** Sends a request; `body` objects are sent as JSON. */
  request(
    method: string,
    path: string,
    options?: {
      token?: string;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
    },
  ): Promise<ApiResponse>;
  close(): Promise<void>;
}

/** Starts the API on `database` (migrating it) with the given configuration overrides. */
export async function startApi(
  database: Database,
  overrides: Record<string, string | undefined> = {},
  logStream?: { write(line: string): void },
): Promise<RunningApi> {
  const config = testConfig(overrides);
  await database.migrate();
  const app = buildApp({
    config,
    database,
    chatModel: chatModelFromConfig(config),
    ...(logStream && { logStream }),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app,
    url,
    database,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      } else if (body !== undefined) {
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${url}${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    close: () => app.close(),
  };
}

let userCounter = 0;

/** Signs up a new user with a unique email; returns its id, token and credentials. */
export async function signUp(api: RunningApi, name = 'user') {
  const email = `${name}-${process.pid}-${++userCounter}-${randomUUID().slice(0, 8)}@example.com`;
  const password = 'correct horse battery';
  const response = await api.request('POST', '/api/auth/signup', {
    body: { email, password, name },
  });
  if (response.status !== 201)
    throw new Error(`signup failed: ${response.status} ${JSON.stringify(response.body)}`);
  return {
    id: response.body.user.id as number,
    token: response.body.token as string,
    email,
    password,
  };
}
