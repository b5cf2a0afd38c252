/** Readiness (`/health`, checks the database) and liveness (`/livez`, the process only). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';

const PING_TIMEOUT_MS = 2_000;

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/health', async (_request, reply) => {
    const connected = await ctx.database.ping(PING_TIMEOUT_MS);
    if (connected && ctx.isMigrated()) return { status: 'healthy', database: 'connected' };
    return reply
      .code(503)
      .send({ status: 'unhealthy', database: connected ? 'migrating' : 'disconnected' });
  });

  // Never touches the database: an outage must not make Kubernetes restart the pods.
  app.get('/livez', async () => ({ status: 'alive' }));
}
