/**
 * Runs once when the server starts, before it serves pages:
 * - checks the configuration: a frontend that cannot reach the API should fail loudly
 *   (and show in `kubectl logs`), not serve pages that all error;
 * - stamps every request with the address it came from, which a route handler cannot see
 *   otherwise, so the API learns the real client (see lib/peer-address.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { exitOnBadConfiguration } = await import('./lib/startup-check');
    exitOnBadConfiguration();
    const { stampPeerAddresses } = await import('./lib/peer-address');
    stampPeerAddresses();
  }
}
