/** Authentication and ownership for every `/api/{user_id}/...` route. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app.ts';
import { verifyToken } from '../auth/jwt.ts';
import { HttpError, parseInput } from '../http/errors.ts';

/** A positive 32-bit integer id (ids are PostgreSQL `integer` identities). */
export const idSchema = z
  .number({ error: 'must be a positive integer' })
  .int('must be a positive integer')
  .min(1, 'must be a positive integer')
  .max(2_147_483_647, 'is too large');

/** An id in a path segment. */
const pathIdSchema = z
  .string()
  .regex(/^\d+$/, 'must be a positive integer')
  .transform(Number)
  .pipe(idSchema);

const userParams = z.object({ user_id: pathIdSchema });

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user, set for every user-scoped route. */
    userId: number;
  }
}

/** The user id of the request's bearer token; 401 when it is missing, invalid or expired. */
export function authenticatedUser(request: FastifyRequest, secret: string): number {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  const subject = token ? verifyToken(token, secret) : undefined;
  if (subject === undefined) {
    throw new HttpError(
      401,
      {
        error: 'unauthorized',
        message:
          'Missing, invalid or expired token: send "Authorization: Bearer <token>" from /api/auth/signin',
      },
      { 'www-authenticate': 'Bearer' },
    );
  }
  return subject;
}

/** Adds the hook: 401 without a valid token, 400 for a bad user_id, 403 for someone else's. */
export function requireOwner(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('userId', 0);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const subject = authenticatedUser(request, ctx.config.JWT_SECRET);
    const { user_id } = parseInput(userParams, request.params, 'user_id');
    if (user_id !== subject) {
      throw new HttpError(403, { error: 'forbidden', message: "user_id: is not the token's user" });
    }
    request.userId = subject;
  });
}

/** Parses `{ id }` path params. */
export function pathId(params: unknown, name: string): number {
  const schema = z.object({ [name]: pathIdSchema });
  return (parseInput(schema, params, name) as Record<string, number>)[name] as number;
}
