import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEnv } from '../../../test/support/env.ts';
import type { Database } from '../src/db/database.ts';
import { dbTargets, type FreshDatabase } from './support/api.ts';

/** Rows of a raw query; both drivers return `{ rows }`. */
async function rows(database: Database, query: SQL): Promise<Record<string, unknown>[]> {
  const result = (await database.db.execute(query)) as unknown as {
    rows: Record<string, unknown>[];
  };
  return result.rows;
}

for (const target of dbTargets()) {
  describeWithEnv(`migrations on ${target.name}`, target.missing, () => {
    let fresh: FreshDatabase;
    const opened: Database[] = [];

    beforeAll(async () => {
      fresh = await target.create();
    });
    afterAll(async () => {
      for (const database of opened) await database.close();
      await fresh?.drop();
    });

    it('applies every migration once, also when replicas start at the same time', async () => {
      // PGlite has one owner per directory; PostgreSQL gets four "replicas" racing.
      const replicas = target.name === 'postgres' ? 4 : 1;
      for (let i = 0; i < replicas; i++) opened.push(await fresh.open());
      await Promise.all(opened.map((database) => database.migrate()));
      const first = opened[0] as Database;
      await first.migrate();
      const applied = await rows(
        first,
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      expect(applied[0]?.n).toBe(1);
      const tables = await rows(
        first,
        sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      );
      expect(tables.map((row) => row.table_name)).toEqual([
        'conversations',
        'messages',
        'tasks',
        'users',
      ]);
    });
  });
}
