/**
 * JSON Web Tokens, HS256 only. Small enough to keep in-house with node:crypto, and
 * synchronous, so verifying a token costs microseconds on every request.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a token is valid: 7 days. */
export const TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** Signs a token whose subject is the user id. */
export function signToken(userId: number, secret: string, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const payload = Buffer.from(
    JSON.stringify({ sub: String(userId), iat, exp: iat + TOKEN_TTL_SECONDS }),
  ).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${HEADER}.${payload}`).digest('base64url');
  return `${HEADER}.${payload}.${signature}`;
}

/** The user id a valid, unexpired token was issued to, or undefined. */
export function verifyToken(token: string, secret: string, now = Date.now()): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    // The signature covers the header, but still refuse anything but HS256 ("alg": "none"...).
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
    if (head.alg !== 'HS256') return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      sub?: unknown;
      exp?: unknown;
    };
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now) return undefined;
    const id = typeof claims.sub === 'string' ? Number(claims.sub) : Number.NaN;
    return Number.isSafeInteger(id) && id > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}
