/**
 * Entry point: reads the configuration, opens the database, listens, then migrates (retrying
 * while the database is unreachable, so an outage at start-up never crash-loops the pod:
 * /livez answers, /health and /api answer 503 until then). On SIGTERM/SIGINT it stops
 * accepting, finishes in-flight requests, closes the pool and exits.
 */
import { buildApp } from './app.ts';
import { chatModelFromConfig } from './chat/agent.ts';
import { describeDatabase, loadConfig } from './config.ts';
import { type Database, openPglite, openPostgres } from './db/database.ts';
import { drainAndClose, trackInFlight } from './http/drain.ts';
import { isDatabaseUnavailable } from './http/errors.ts';

/** Exit codes: 0 clean stop, 1 start-up or shutdown failure, 2 bad configuration. */
const EXIT_CONFIG = 2;
const EXIT_FAILURE = 1;
/** Whatever is still running this long after SIGTERM is abandoned (Kubernetes waits 30 s). */
const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    console.error(loaded.message);
    process.exit(EXIT_CONFIG);
  }
  const config = loaded.config;
  const chatModel = chatModelFromConfig(config);
  let database: Database | undefined;
  let app: ReturnType<typeof buildApp> | undefined;
  let inFlight = () => 0;
  let migrated = false;
  try {
    database = config.DATABASE_URL
      ? openPostgres({
          url: config.DATABASE_URL,
          poolMax: config.DB_POOL_MAX,
          onIdleError: (error) =>
            app?.log.warn({ reason: error.message }, 'idle database connection lost'),
        })
      : await openPglite(config.TODO_DATA_DIR);
    app = buildApp({ config, database, chatModel, isMigrated: () => migrated });
    inFlight = trackInFlight(app);
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`todo API failed to start: ${reason} (${describeDatabase(config)})`);
    await database?.close().catch(() => {});
    process.exit(EXIT_FAILURE);
  }

  if (!app || !database) return;
  const server = app;
  const db = database;
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, 'shutting down: finishing in-flight requests');
    setTimeout(() => {
      server.log.error('shutdown took longer than 10 s; exiting anyway');
      process.exit(EXIT_FAILURE);
    }, SHUTDOWN_DEADLINE_MS).unref();
    try {
      await drainAndClose(server, inFlight);
      await db.close();
      server.log.info('stopped');
      process.exit(0);
    } catch (error) {
      server.log.error({ err: error }, 'shutdown failed');
      process.exit(EXIT_FAILURE);
    }
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));

  server.log.info({ database: describeDatabase(config) }, 'migrating database');
  for (let attempt = 1, delay = 1_000; !stopping; attempt++, delay = Math.min(delay * 2, 10_000)) {
    try {
      await db.migrate();
      migrated = true;
      server.log.info(
        { chat: chatModel ? `model ${chatModel.model}` : 'not configured (OPENAI_API_KEY unset)' },
        'todo API ready',
      );
      return;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (!isDatabaseUnavailable(error)) {
        // A broken migration will not fix itself: fail loudly instead of looping.
        server.log.fatal({ reason }, 'migration failed');
        process.exit(EXIT_FAILURE);
      }
      server.log.warn(
        { attempt, reason, retryInMs: delay },
        'database unreachable; retrying migrations',
      );
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
    }
  }
}

await main();
