/** Sign-up and sign-in: both answer `{ token, user }`. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app.ts';
import { signToken } from '../auth/jwt.ts';
import { dummyHash, hashPassword, verifyPassword } from '../auth/password.ts';
import { FixedWindowLimiter } from '../auth/rate-limit.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { createUser, deleteUser, findUserByEmail, userJson } from '../store/users.ts';
import { authenticatedUser } from './user-scope.ts';

const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: 'must be an email address' }))
  .transform((value) => value.toLowerCase());
const password = z.string().min(8, 'must be at least 8 characters').max(128);

const signupBody = z.object({
  email,
  password,
  name: z.string().trim().min(1).max(100).optional(),
});
const signinBody = z.object({ email, password: z.string().min(1).max(128) });

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const limiter = new FixedWindowLimiter(
    ctx.config.SIGNIN_RATE_LIMIT,
    ctx.config.SIGNIN_RATE_WINDOW_MS,
  );

  app.post('/api/auth/signup', async (request, reply) => {
    const body = parseInput(signupBody, request.body, 'body');
    const user = await createUser(ctx.database.db, {
      email: body.email,
      name: body.name ?? null,
      passwordHash: await hashPassword(body.password),
    });
    if (!user) {
      throw new HttpError(409, {
        error: 'conflict',
        message: 'email: an account with this email already exists; sign in instead',
        field: 'email',
      });
    }
    return reply
      .code(201)
      .send({ token: signToken(user.id, ctx.config.JWT_SECRET), user: userJson(user) });
  });

  app.post('/api/auth/signin', async (request) => {
    const body = parseInput(signinBody, request.body, 'body');
    // Keyed by client and account: failures from one client lock only that client out
    // of that account, so knowing an email is not enough to lock its owner out, and one
    // client cannot try unlimited passwords against it. request.ip is the real client
    // behind the ingress and the UI's server (TRUSTED_PROXIES, see app.ts), not the proxy
    // every user shares.
    const wait = limiter.hit(`${request.ip}|${body.email}`);
    if (wait > 0) {
      throw new HttpError(
        429,
        {
          error: 'too_many_requests',
          message: `Too many sign-in attempts; try again in ${wait} s`,
        },
        { 'retry-after': String(wait) },
      );
    }
    const user = await findUserByEmail(ctx.database.db, body.email);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok) {
      throw new HttpError(401, { error: 'unauthorized', message: 'Invalid email or password' });
    }
    return { token: signToken(user.id, ctx.config.JWT_SECRET), user: userJson(user) };
  });

  // Deletes the caller's own account with everything it owns (smoke tests remove their
  // throwaway user this way). 204 when deleted, 404 when it was already gone.
  app.delete('/api/auth/me', async (request, reply) => {
    const subject = authenticatedUser(request, ctx.config.JWT_SECRET);
    if (!(await deleteUser(ctx.database.db, subject))) {
      throw new HttpError(404, { error: 'not_found', message: 'This account no longer exists' });
    }
    return reply.code(204).send();
  });
}
