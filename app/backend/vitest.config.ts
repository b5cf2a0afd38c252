import { defineProject } from 'vitest/config';

/**
 * The backend's suite. Every API test runs on embedded PGlite; with TODO_OPS_TEST_ALL=1
 * the global setup also starts a real PostgreSQL server and the same tests run on it.
 */
export default defineProject({
  test: {
    name: 'backend',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // The machine is shared; PGlite's first start and scrypt are CPU-bound.
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
