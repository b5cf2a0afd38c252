/**
 * `/api/*` pass-through for docker-compose and dev, where no ingress sends `/api` to the
 * backend. It behaves like the ingress: the caller's Authorization header goes through and
 * cookies do not, so a client sees the same API through either.
 */
import { resolveBackendUrl } from '@/lib/backend-url';
import { forwardToBackend, jsonError } from '@/lib/forward';

type Context = { params: Promise<{ path: string[] }> };

async function handle(request: Request, { params }: Context): Promise<Response> {
  const backend = resolveBackendUrl();
  if (!backend.ok) return jsonError(500, 'the frontend is misconfigured', backend.message);
  const { path } = await params;
  return forwardToBackend(request, { backend: backend.url, segments: path });
}

export {
  handle as DELETE,
  handle as GET,
  handle as HEAD,
  handle as OPTIONS,
  handle as PATCH,
  handle as POST,
  handle as PUT,
};
