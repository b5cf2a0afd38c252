/** Builds the Fastify application from its parts; no environment reading, no listening. */
import Fastify, { type FastifyInstance } from 'fastify';
import type { ChatModel } from './chat/agent.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { installErrorHandling } from './http/errors.ts';
import { authRoutes } from './routes/auth.ts';
import { chatRoutes } from './routes/chat.ts';
import { healthRoutes } from './routes/health.ts';
import { taskRoutes } from './routes/tasks.ts';
import { requireOwner } from './routes/user-scope.ts';
import { TaskStore } from './store/tasks.ts';

/** Largest request body accepted (bytes); a chat message is at most 4000 characters. */
export const BODY_LIMIT = 64 * 1024;

/** Paths pino replaces with "[redacted]" wherever they appear in a log line. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  'token',
  'apiKey',
  '*.password',
  '*.token',
  '*.apiKey',
  '*.JWT_SECRET',
  '*.OPENAI_API_KEY',
  '*.DATABASE_URL',
];

/** What the routes share. */
export interface AppContext {
  config: Config;
  database: Database;
  tasks: TaskStore;
  /** Undefined when OPENAI_API_KEY is not set: chat answers 503. */
  chatModel: ChatModel | undefined;
  /** False until migrations have run: /api answers 503 and /health reports unhealthy. */
  isMigrated: () => boolean;
}

/** Parts of {@link buildApp}. */
export interface AppOptions {
  config: Config;
  database: Database;
  chatModel: ChatModel | undefined;
  /** Whether migrations have run; always true when omitted (the caller migrated first). */
  isMigrated?: () => boolean;
  /** Where logs go; stdout when undefined. */
  logStream?: { write(line: string): void };
}

/** Builds the app; call `listen` (or `inject`) on the result. */
export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    logger: {
      level: options.config.LOG_LEVEL,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      ...(options.logStream && { stream: options.logStream }),
    },
    routerOptions: { ignoreTrailingSlash: true },
    // request.ip is the client: the TCP peer, or, when the peer is a trusted proxy (the
    // ingress controller, the UI's server), the last X-Forwarded-For address before the
    // trusted ones. Anyone else's X-Forwarded-For is ignored.
    trustProxy: options.config.TRUSTED_PROXIES.length ? options.config.TRUSTED_PROXIES : false,
    // While draining on SIGTERM, requests on connections already open are still served
    // (see http/drain.ts); new connections are refused because the listener is closed.
    return503OnClosing: false,
    forceCloseConnections: false,
  });
  const ctx: AppContext = {
    config: options.config,
    database: options.database,
    tasks: new TaskStore(options.database.db),
    chatModel: options.chatModel,
    isMigrated: options.isMigrated ?? (() => true),
  };
  installErrorHandling(app);
  app.addHook('onRequest', async (request, reply) => {
    if (!ctx.isMigrated() && request.url.startsWith('/api/')) {
      return reply.code(503).header('retry-after', '5').send({
        error: 'starting',
        message: 'The API is starting: the database is not migrated yet; try again shortly',
      });
    }
  });
  healthRoutes(app, ctx);
  authRoutes(app, ctx);
  void app.register(
    async (scoped) => {
      requireOwner(scoped, ctx);
      taskRoutes(scoped, ctx);
      chatRoutes(scoped, ctx);
    },
    { prefix: '/api/:user_id' },
  );
  return app;
}
