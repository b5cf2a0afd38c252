/**
 * Graceful close for the HTTP server. Node's `server.close()` drops every connection that
 * has no request in progress, and under load that includes connections already accepted
 * whose request bytes have not been parsed yet: their clients would see a reset. Instead:
 * stop listening, keep serving what is already connected (each response asks the client to
 * close), and drop idle connections only once no request has been in progress for a moment.
 */
import { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** How long nothing must be in progress before idle connections are dropped. */
const QUIET_MS = 250;

/** Counts requests in progress; call right after building the app. */
export function trackInFlight(app: FastifyInstance): () => number {
  let inFlight = 0;
  let draining = false;
  app.server.on('request', (_request, response) => {
    inFlight++;
    if (draining) response.setHeader('connection', 'close');
    response.once('close', () => {
      inFlight--;
    });
  });
  app.addHook('onClose', async () => {
    draining = true;
  });
  return () => inFlight;
}

/** Stops accepting, lets in-flight requests finish, then closes the app. */
export async function drainAndClose(app: FastifyInstance, inFlight: () => number): Promise<void> {
  const server = app.server;
  const closeIdle = Server.prototype.closeIdleConnections;
  // Fastify and Node both call this while closing; defer it until the server is quiet.
  server.closeIdleConnections = () => {};
  let quietSince = Date.now();
  const sweeper = setInterval(() => {
    if (inFlight() > 0) {
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= QUIET_MS) {
      closeIdle.call(server);
    }
  }, 50);
  try {
    await app.close();
  } finally {
    clearInterval(sweeper);
    server.closeIdleConnections = closeIdle;
  }
}
