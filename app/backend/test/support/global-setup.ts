/**
 * Builds the server once (the SIGTERM and start-up tests run the built output with plain
 * node) and, in `npm run test:all`, starts the real PostgreSQL test server with
 * scripts/test-env/postgres.sh, stopping it at the end if this run started it.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const run = promisify(execFile);
const backendDir = fileURLToPath(new URL('../..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const postgresScript = `${repoRoot}scripts/test-env/postgres.sh`;

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the real PostgreSQL test server; null when not running it. */
    postgresUrl: string | null;
    /** Why there is no PostgreSQL server (null when there is, or when not asked for). */
    postgresMissing: string | null;
    /** Path of scripts/test-env/postgres.sh. */
    postgresScript: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await run(
    process.execPath,
    [`${repoRoot}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'],
    {
      cwd: backendDir,
    },
  );
  project.provide('postgresScript', postgresScript);
  project.provide('postgresUrl', null);
  project.provide('postgresMissing', null);
  if (process.env.TODO_OPS_TEST_ALL !== '1') return async () => {};

  let startedHere = false;
  try {
    if (!existsSync(postgresScript)) throw new Error(`${postgresScript} is missing`);
    const wasRunning = await run('bash', [postgresScript, 'status']).then(
      () => true,
      () => false,
    );
    const { stdout } = await run('bash', [postgresScript, 'start'], { timeout: 300_000 });
    startedHere = !wasRunning;
    project.provide('postgresUrl', stdout.trim().split('\n').at(-1) ?? '');
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    project.provide(
      'postgresMissing',
      `PostgreSQL test server: ${reason}; run scripts/test-env/postgres.sh install`,
    );
  }
  return async () => {
    if (startedHere) await run('bash', [postgresScript, 'stop']);
  };
}
