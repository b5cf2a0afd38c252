import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

/**
 * `frontend` project: unit tests of the UI's server-side logic run in `npm test`; the
 * browser end-to-end suite (Chromium, the production build, the real API) only in
 * `npm run test:all`.
 */
const all = process.env.TODO_OPS_TEST_ALL === '1';

export default defineProject({
  // The same `@/` alias as tsconfig.json, so route handlers can be tested as they are.
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    name: 'frontend',
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(all ? [] : ['test/e2e/**'])],
    // Browser steps wait on a busy machine when test:all runs everything at once.
    testTimeout: all ? 60_000 : 30_000,
    // The e2e suite builds the app and starts two servers before its first test.
    hookTimeout: 600_000,
  },
});
