/**
 * `npm run dev`: the API on the embedded database with one command. Supplies a fixed,
 * clearly insecure JWT_SECRET when none is set, so tokens survive restarts in development.
 */
if (!process.env.JWT_SECRET) {
  process.env.JWT_SECRET = 'insecure-development-secret-do-not-use-in-production';
  console.warn('JWT_SECRET not set: using an insecure development secret (npm run dev only)');
}
await import('./server.ts');
