/**
 * The session lives in two httpOnly cookies set by the frontend's own route handlers: the
 * API token (never readable by page scripts) and the signed-in user (for rendering the
 * header and building `/api/{user_id}/...` paths on the server).
 */

/** Cookie holding the API's JWT. */
export const tokenCookie = 'todo_token';
/** Cookie holding the signed-in user as JSON. */
export const userCookie = 'todo_user';
/** Matches the API's token lifetime (7 days). */
export const sessionMaxAgeSeconds = 7 * 24 * 60 * 60;

/** The signed-in user, as the API returns it. */
export interface SessionUser {
  id: number | string;
  email: string;
  name?: string | null;
}

/** Options for the Set-Cookie headers of one response. */
export interface CookieContext {
  /** True when the browser reached us over HTTPS (directly or through a proxy). */
  secure: boolean;
}

/** True when the request came in over HTTPS, trusting the first X-Forwarded-Proto hop. */
export function isHttpsRequest(request: Request): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  if (forwarded) return forwarded === 'https';
  return new URL(request.url).protocol === 'https:';
}

function serializeCookie(name: string, value: string, maxAge: number, ctx: CookieContext): string {
  const parts = [
    `${name}=${value}`,
    'Path=/',
    `Max-Age=${maxAge}`,
    'HttpOnly',
    // Lax: sent on top-level navigations (so a link to /tasks finds the session), never on
    // cross-site POST/PUT/PATCH/DELETE.
    'SameSite=Lax',
  ];
  if (ctx.secure) parts.push('Secure');
  return parts.join('; ');
}

/** Set-Cookie headers that start a session. */
export function sessionCookies(token: string, user: SessionUser, ctx: CookieContext): string[] {
  const compactUser: SessionUser = { id: user.id, email: user.email, name: user.name ?? null };
  return [
    serializeCookie(tokenCookie, encodeURIComponent(token), sessionMaxAgeSeconds, ctx),
    serializeCookie(
      userCookie,
      encodeURIComponent(JSON.stringify(compactUser)),
      sessionMaxAgeSeconds,
      ctx,
    ),
  ];
}

/** Set-Cookie headers that end a session. */
export function clearedSessionCookies(ctx: CookieContext): string[] {
  return [serializeCookie(tokenCookie, '', 0, ctx), serializeCookie(userCookie, '', 0, ctx)];
}

/** The value of cookie `name` in a Cookie header, decoded; undefined when absent. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    if (pair.slice(0, eq).trim() !== name) continue;
    const raw = pair.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Parses the user cookie; undefined when missing or not the expected shape. */
export function parseUserCookie(value: string | undefined): SessionUser | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { id, email, name } = parsed as Record<string, unknown>;
    if ((typeof id !== 'number' && typeof id !== 'string') || typeof email !== 'string') {
      return undefined;
    }
    return { id, email, name: typeof name === 'string' ? name : null };
  } catch {
    return undefined;
  }
}

/**
 * Seconds since the epoch at which a JWT expires, read without verifying it: the API
 * verifies every request; this only spares the user a page that would fail to load.
 */
export function tokenExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const exp = (json as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}

/** True when the token is present and not known to be expired at `nowSeconds`. */
export function isUsableToken(token: string | undefined, nowSeconds = Date.now() / 1000): boolean {
  if (!token) return false;
  const exp = tokenExpiry(token);
  return exp === undefined || exp > nowSeconds;
}
