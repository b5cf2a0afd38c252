/**
 * Opens the database: PostgreSQL through node-postgres when DATABASE_URL is set, embedded
 * PGlite under TODO_DATA_DIR otherwise. Both are driven through the same Drizzle API.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.ts';

/** A Drizzle database over either driver. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The open database plus what start-up, /health and shutdown need. */
export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly db: Db;
  /** Applies pending migrations; safe when several replicas start at once. */
  migrate(): Promise<void>;
  /** True when a trivial query answers within `timeoutMs`. */
  ping(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Where drizzle-kit writes the SQL migrations (same relative place from src/ and dist/). */
export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

// Any constant works as long as every replica uses the same one: "todo" in ASCII.
const MIGRATION_LOCK_KEY = 0x746f646f;

/** Options for {@link openPostgres}. */
export interface PostgresOptions {
  url: string;
  poolMax?: number;
  /** Called for errors on idle pooled connections (e.g. the server restarting). */
  onIdleError?: (error: Error) => void;
}

/** Connects to PostgreSQL. Connections are made lazily, so this succeeds while it is down. */
export function openPostgres(options: PostgresOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // Without a listener an idle client's error (server restart) would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  const db = drizzlePg({ client: pool, schema });
  return {
    kind: 'postgres',
    db,
    async migrate() {
      const client = await pool.connect();
      try {
        // A session-level lock held on this one connection: other replicas wait here and
        // then find nothing left to apply.
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
          await migratePg(drizzlePg({ client, schema }), { migrationsFolder });
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
        client.release();
      } catch (error) {
        // A connection in an unknown state is not returned to the pool.
        client.release(error instanceof Error ? error : true);
        throw error;
      }
    },
    ping: (timeoutMs) =>
      withTimeout(
        pool.query('SELECT 1').then(() => true),
        timeoutMs,
      ),
    close: () => pool.end(),
  };
}

/** Opens (creating if needed) an embedded PGlite database; `dataDir` undefined keeps it in memory. */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir !== undefined) {
    await mkdir(dataDir, { recursive: true });
    // PGlite does not fail cleanly on a directory that holds something else.
    if (!existsSync(join(dataDir, 'PG_VERSION')) && (await readdir(dataDir)).length > 0) {
      throw new Error(
        `TODO_DATA_DIR ${dataDir} is not empty and holds no database; use an empty directory`,
      );
    }
  }
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite({ client, schema });
  return {
    kind: 'pglite',
    db,
    // One process owns a PGlite directory, so there is no one to race with.
    migrate: () => migratePglite(db, { migrationsFolder }),
    ping: (timeoutMs) =>
      withTimeout(
        client.query('SELECT 1').then(() => true),
        timeoutMs,
      ),
    close: () => client.close(),
  };
}

async function withTimeout(check: Promise<boolean>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([check.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
