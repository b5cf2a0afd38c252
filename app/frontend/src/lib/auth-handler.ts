/**
 * Sign-in and sign-up: the browser posts credentials here, we call the API and keep its
 * token in an httpOnly cookie. The browser only ever sees the user.
 */
import { resolveBackendUrl } from './backend-url';
import { forwardToBackend, isCrossSiteWrite, jsonError } from './forward';
import { isHttpsRequest, type SessionUser, sessionCookies } from './session-cookie';

function asSession(body: unknown): { token: string; user: SessionUser } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { token, user } = body as { token?: unknown; user?: unknown };
  if (typeof token !== 'string' || typeof user !== 'object' || user === null) return undefined;
  const { id, email, name } = user as Record<string, unknown>;
  if ((typeof id !== 'number' && typeof id !== 'string') || typeof email !== 'string') {
    return undefined;
  }
  return { token, user: { id, email, name: typeof name === 'string' ? name : null } };
}

/** Handles POST /bff/auth/{signin|signup} by calling POST /api/auth/{signin|signup}. */
export async function authenticate(
  request: Request,
  action: 'signin' | 'signup',
): Promise<Response> {
  if (isCrossSiteWrite(request)) return jsonError(403, 'cross-site request refused');
  const backend = resolveBackendUrl();
  if (!backend.ok) return jsonError(500, 'the frontend is misconfigured', backend.message);
  const upstream = await forwardToBackend(request, {
    backend: backend.url,
    segments: ['auth', action],
    timeoutMs: 30_000,
  });
  if (!upstream.ok) return upstream;
  const session = asSession(await upstream.json().catch(() => undefined));
  if (!session) return jsonError(502, 'the todo API sent an unexpected sign-in answer');
  const headers = new Headers({ 'content-type': 'application/json', 'cache-control': 'no-store' });
  for (const cookie of sessionCookies(session.token, session.user, {
    secure: isHttpsRequest(request),
  })) {
    headers.append('set-cookie', cookie);
  }
  return new Response(JSON.stringify({ user: session.user }), {
    status: upstream.status,
    headers,
  });
}
