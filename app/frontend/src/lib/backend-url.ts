/**
 * Where the API lives, read from the environment on every call (never at build time), so
 * one build runs in Kubernetes, docker-compose and dev alike.
 */

/** Variables naming the API's base URL, in order of preference. */
export const backendUrlVariables = ['BACKEND_URL', 'NEXT_PUBLIC_API_URL'] as const;

/** The API's base URL, or why there is none. */
export type BackendUrlResult = { ok: true; url: URL } | { ok: false; message: string };

/**
 * Resolves the API's base URL from `env`. Read through a variable so Next.js cannot inline
 * `NEXT_PUBLIC_API_URL` at build time.
 */
export function resolveBackendUrl(
  env: Record<string, string | undefined> = process.env,
): BackendUrlResult {
  for (const name of backendUrlVariables) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, message: `${name} must be an http(s) URL, got "${raw}"` };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { ok: false, message: `${name} must be an http(s) URL, got "${raw}"` };
    }
    if (url.search || url.hash) {
      return { ok: false, message: `${name} must not have a query or fragment, got "${raw}"` };
    }
    // A trailing slash makes `new URL('api/...', base)` keep any path prefix of the base.
    if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
    return { ok: true, url };
  }
  return {
    ok: false,
    message:
      'BACKEND_URL is not set: point it at the todo API, e.g. BACKEND_URL=http://localhost:8000',
  };
}
