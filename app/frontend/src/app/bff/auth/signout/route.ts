import { clearedSessionCookies, isHttpsRequest } from '@/lib/session-cookie';

/**
 * Ends the session. A plain form post works without JavaScript: the answer is a redirect
 * to the sign-in page (303, so the browser follows it with GET).
 */
export function POST(request: Request): Response {
  const headers = new Headers({ location: '/signin', 'cache-control': 'no-store' });
  for (const cookie of clearedSessionCookies({ secure: isHttpsRequest(request) })) {
    headers.append('set-cookie', cookie);
  }
  return new Response(null, { status: 303, headers });
}
