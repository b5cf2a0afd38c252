/** Deployment past its progress deadline: a rollout that stopped making progress. */
import { componentOf } from '../common.js';
import type { Analyzer, Finding } from './types.js';

export const analyzeProgressDeadline: Analyzer = (state) => {
  const findings: Finding[] = [];
  for (const d of state.deployments) {
    const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
    if (progressing?.status !== 'False' || progressing.reason !== 'ProgressDeadlineExceeded')
      continue;
    const component = componentOf(d);
    findings.push({
      class: 'ProgressDeadlineExceeded',
      severity: 'error',
      resource: `deployment/${d.metadata?.name ?? ''}`,
      ...(component ? { component } : {}),
      title: 'rollout stalled past its progress deadline',
      evidence: [
        progressing.message ?? 'ProgressDeadlineExceeded',
        `replicas ${d.status?.replicas ?? 0}, updated ${d.status?.updatedReplicas ?? 0}, ready ${d.status?.readyReplicas ?? 0} of ${d.spec?.replicas ?? 1}; deadline ${d.spec?.progressDeadlineSeconds ?? 600} s`,
      ],
      fix: 'the new pods never became ready (see the pod findings); fix the cause and redeploy, or return to the last good revision: todo-ops rollback',
    });
  }
  return findings;
};
