/** Helm release failed, or stuck in a pending-* state that blocks every further upgrade. */
import type { Analyzer } from './types.js';

export const analyzeHelmRelease: Analyzer = (state) => {
  const helm = state.helm;
  if (!helm) return [];
  const resource = `release/${state.release}`;
  const last = state.history.at(-1);
  if (helm.status.startsWith('pending-')) {
    return [
      {
        class: 'HelmReleaseFailed',
        severity: 'critical',
        resource,
        title: `release stuck in ${helm.status} (revision ${helm.revision})`,
        evidence: [`helm status: ${helm.status}: ${helm.description}`],
        fix: 'an interrupted helm operation left the lock: roll back to the last deployed revision (todo-ops rollback), then deploy again',
      },
    ];
  }
  if (helm.status === 'failed') {
    return [
      {
        class: 'HelmReleaseFailed',
        severity: 'error',
        resource,
        title: `the last helm operation failed (revision ${helm.revision})`,
        evidence: [
          `helm status: failed: ${helm.description}`,
          ...(last && last.revision !== helm.revision
            ? [`history: ${last.revision} ${last.status}: ${last.description}`]
            : []),
        ],
        fix: 'read the failure above; fix the values and deploy again, or return to the last good revision: todo-ops rollback',
      },
    ];
  }
  // With --rollback-on-failure a failed upgrade is followed by a rollback revision: the
  // failure is still news while no successful install or upgrade came after it.
  const newestFirst = [...state.history].reverse();
  const lastFailed = newestFirst.find((r) => r.status === 'failed');
  const lastChange = newestFirst.find(
    (r) => r.status !== 'failed' && !/^rollback/i.test(r.description),
  );
  const failedUpgrade =
    lastFailed && (!lastChange || lastFailed.revision > lastChange.revision)
      ? lastFailed
      : undefined;
  if (failedUpgrade) {
    return [
      {
        class: 'HelmReleaseFailed',
        severity: 'warning',
        resource,
        title: `revision ${failedUpgrade.revision} failed and was rolled back`,
        evidence: [`history: ${failedUpgrade.revision} failed: ${failedUpgrade.description}`],
        fix: 'the release runs an earlier revision; fix what the failed upgrade changed before deploying again',
      },
    ];
  }
  return [];
};
