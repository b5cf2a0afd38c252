/**
 * `/bff/api/*`: the browser's way to the API. The session cookie becomes an Authorization
 * header here, so the token never reaches page scripts. The ingress sends `/api` straight
 * to the backend, which knows nothing of cookies; this prefix is the frontend's own.
 */
import { resolveBackendUrl } from './backend-url';
import { forwardToBackend, isCrossSiteWrite, jsonError } from './forward';
import {
  clearedSessionCookies,
  isHttpsRequest,
  isUsableToken,
  readCookie,
  tokenCookie,
} from './session-cookie';

function withClearedSession(response: Response, request: Request): Response {
  const headers = new Headers(response.headers);
  for (const cookie of clearedSessionCookies({ secure: isHttpsRequest(request) })) {
    headers.append('set-cookie', cookie);
  }
  return new Response(response.body, { status: response.status, headers });
}

/** Forwards one browser request with the session's token. */
export async function forwardWithSession(
  request: Request,
  segments: readonly string[],
): Promise<Response> {
  if (isCrossSiteWrite(request)) return jsonError(403, 'cross-site request refused');
  // Signing in here would hand the token to page scripts; /bff/auth/* keeps it in a cookie.
  if (segments[0] === 'auth') return jsonError(404, 'use /bff/auth/signin or /bff/auth/signup');
  const token = readCookie(request.headers.get('cookie'), tokenCookie);
  if (!token || !isUsableToken(token)) {
    return withClearedSession(jsonError(401, 'not signed in', 'sign in again'), request);
  }
  const backend = resolveBackendUrl();
  if (!backend.ok) return jsonError(500, 'the frontend is misconfigured', backend.message);
  const response = await forwardToBackend(request, {
    backend: backend.url,
    segments,
    bearerToken: token,
  });
  // A token the API refuses (expired, or signed with a rotated secret) ends the session,
  // so the sign-in page does not bounce the user straight back.
  return response.status === 401 ? withClearedSession(response, request) : response;
}
