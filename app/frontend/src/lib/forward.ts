import { PEER_ADDRESS_HEADER } from './peer-address';

/**
 * Forwards a browser request to the API. Used by the `/bff/api/*` handler (adds the
 * session's bearer token) and the `/api/*` pass-through (for docker-compose and dev, where
 * no ingress sends `/api` to the backend).
 */

/** Headers that describe one hop, not the request, plus ones we set ourselves. */
const hopByHopRequestHeaders = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  // Frontend cookies (the session token among them) never travel to the API.
  'cookie',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  // Our own stamp of the TCP peer: it goes on as the last X-Forwarded-For hop instead.
  PEER_ADDRESS_HEADER,
]);

/** `fetch` decodes the body, so encoding and length no longer describe what we send on. */
const droppedResponseHeaders = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-encoding',
  'content-length',
  'set-cookie',
]);

/** How to forward one request. */
export interface ForwardOptions {
  /** The API's base URL (ends with `/`). */
  backend: URL;
  /** Path segments after `/api/`, as decoded by the router. */
  segments: readonly string[];
  /** Replaces any Authorization header from the browser when set. */
  bearerToken?: string;
  /** Gives up after this long (chat answers can take a while). */
  timeoutMs?: number;
  /** Injected in tests; the global fetch otherwise. */
  fetchImpl?: typeof fetch;
}

/** The API URL for `segments` and the browser request's query string, or undefined when a segment is unsafe. */
export function upstreamUrl(
  backend: URL,
  segments: readonly string[],
  search: string,
): URL | undefined {
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return undefined;
  const path = segments.map((s) => encodeURIComponent(s)).join('/');
  const url = new URL(`api/${path}`, backend);
  url.search = search;
  return url;
}

/**
 * The X-Forwarded-For to send to the API: the chain the peer sent, then the peer itself,
 * as every proxy appends. The API trusts this server and the ingress controller
 * (TRUSTED_PROXIES) and walks the chain back from the end to the first address that is
 * neither: the client. A client that reaches this server directly is that address,
 * whatever it put in the header; behind the ingress, the ingress's own entry is the client.
 * With no stamped peer (a request before the server finished starting) nothing is
 * vouched for and no chain is sent: the API then counts this server as the client.
 */
export function forwardedFor(request: Request): string | undefined {
  const peer = request.headers.get(PEER_ADDRESS_HEADER)?.trim();
  if (!peer) return undefined;
  const received = request.headers.get('x-forwarded-for')?.trim();
  // Next.js fills X-Forwarded-For with the peer when the request had none.
  return received && received !== peer ? `${received}, ${peer}` : peer;
}

/** Request headers to send to the API. */
export function upstreamRequestHeaders(request: Request, bearerToken?: string): Headers {
  const headers = new Headers();
  for (const [name, value] of request.headers) {
    if (!hopByHopRequestHeaders.has(name)) headers.set(name, value);
  }
  if (bearerToken !== undefined) headers.set('authorization', `Bearer ${bearerToken}`);
  const incoming = new URL(request.url);
  const clientFor = forwardedFor(request);
  if (clientFor) headers.set('x-forwarded-for', clientFor);
  headers.set(
    'x-forwarded-proto',
    request.headers.get('x-forwarded-proto') ?? incoming.protocol.replace(':', ''),
  );
  headers.set('x-forwarded-host', request.headers.get('x-forwarded-host') ?? incoming.host);
  return headers;
}

/** Response headers to send back to the browser. */
export function downstreamResponseHeaders(upstream: Headers): Headers {
  const headers = new Headers();
  for (const [name, value] of upstream) {
    if (!droppedResponseHeaders.has(name)) headers.set(name, value);
  }
  return headers;
}

/** A JSON error in the shape the API uses, so the UI shows it the same way. */
export function jsonError(status: number, error: string, hint?: string): Response {
  return Response.json(hint ? { error, hint } : { error }, { status });
}

/**
 * Sends `request` on to the API and returns its answer. An unreachable API is a 502 and a
 * slow one a 504, each with a message the UI can show.
 */
export async function forwardToBackend(
  request: Request,
  options: ForwardOptions,
): Promise<Response> {
  const target = upstreamUrl(options.backend, options.segments, new URL(request.url).search);
  if (!target) return jsonError(400, 'invalid API path');
  const method = request.method.toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = hasBody ? await request.arrayBuffer() : undefined;
  const fetchImpl = options.fetchImpl ?? fetch;
  let upstream: Response;
  try {
    upstream = await fetchImpl(target, {
      method,
      headers: upstreamRequestHeaders(request, options.bearerToken),
      body: body && body.byteLength > 0 ? body : undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      return jsonError(504, 'the todo API did not answer in time', 'try again in a moment');
    }
    return jsonError(
      502,
      'the todo API is unreachable',
      'check that the backend is running and BACKEND_URL points at it',
    );
  }
  return new Response(method === 'HEAD' ? null : upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: downstreamResponseHeaders(upstream.headers),
  });
}

/**
 * True when a state-changing request comes from another site. SameSite=Lax already keeps
 * the session cookie off such requests; this refuses them outright as a second line.
 */
export function isCrossSiteWrite(request: Request): boolean {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  const origin = request.headers.get('origin');
  if (!origin) return false;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
