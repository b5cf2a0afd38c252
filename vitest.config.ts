import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs the `unit` project and every workspace's own project: all of it needs
 * nothing but npm. `npm run test:all` (TODO_OPS_TEST_ALL=1) adds `integration`, whose
 * global setup brings up the real test environment (Kubernetes control plane, ...).
 */
const all = process.env.TODO_OPS_TEST_ALL === '1';
// Changes the tests make are logged here, never in the audit log of the person running them.
const env = { TODO_OPS_AUDIT_LOG: join(tmpdir(), `todo-ops-test-audit-${process.pid}.jsonl`) };
const workspaces = ['app/backend', 'app/frontend'].filter((dir) =>
  existsSync(`${dir}/vitest.config.ts`),
);

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/integration/**', '**/node_modules/**'],
          testTimeout: 30_000,
          env,
        },
      },
      ...workspaces.map((dir) => `${dir}/vitest.config.ts`),
      ...(all
        ? [
            {
              test: {
                name: 'integration',
                include: ['test/integration/**/*.test.{ts,tsx}'],
                globalSetup: ['test/support/global-setup.ts'],
                testTimeout: 180_000,
                env,
                hookTimeout: 300_000,
              },
            },
          ]
        : []),
    ],
  },
});
