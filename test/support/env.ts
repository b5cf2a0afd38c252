/**
 * Environment gates for suites that need more than npm (a cluster, PostgreSQL, Chromium,
 * containers, tmux). Outside CI a suite whose environment is missing is reported as
 * skipped with the reason; with CI=true it fails, so CI never passes by skipping.
 */
import { describe, it } from 'vitest';

/** True when running under CI (`CI=true`). */
export const inCI = (): boolean => /^(1|true|yes)$/i.test(process.env.CI ?? '');

/**
 * Declares a suite that runs only when `missing` is undefined. `missing` is the reason the
 * environment is not there ("no kubeconfig: run scripts/test-env/cluster.sh up").
 */
export function describeWithEnv(name: string, missing: string | undefined, body: () => void): void {
  if (missing === undefined) {
    describe(name, body);
  } else if (inCI()) {
    describe(name, () => {
      it('has its test environment', () => {
        throw new Error(`test environment missing in CI: ${missing}`);
      });
    });
  } else {
    describe.skip(`${name} [not run: ${missing}]`, body);
  }
}
