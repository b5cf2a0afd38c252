/**
 * Checks the configuration once at server start: a frontend that cannot reach the API
 * should fail loudly (and show in `kubectl logs`), not serve pages that all error.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { exitOnBadConfiguration } = await import('./lib/startup-check');
    exitOnBadConfiguration();
  }
}
