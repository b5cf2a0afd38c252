import { resolveBackendUrl } from '@/lib/backend-url';

/**
 * Probe for the frontend's own process: 200 when it can serve pages and knows where the API
 * is. It does not call the API, so a backend outage never restarts the frontend.
 */
export const dynamic = 'force-dynamic';

export function GET(): Response {
  const backend = resolveBackendUrl();
  return backend.ok
    ? Response.json({ status: 'ok' })
    : Response.json({ status: 'misconfigured', error: backend.message }, { status: 500 });
}
