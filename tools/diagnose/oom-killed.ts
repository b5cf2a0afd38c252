/** OOMKilled: a container used more memory than its limit. */
import type { Analyzer, Finding } from './types.js';
import { containerStatuses, podComponent, podRef, valuesKey } from './util.js';

export const analyzeOomKilled: Analyzer = (state) => {
  const findings: Finding[] = [];
  for (const pod of state.pods) {
    for (const cs of containerStatuses(pod)) {
      const killed = [cs.state?.terminated, cs.lastState?.terminated].find(
        (t) => t?.reason === 'OOMKilled',
      );
      if (!killed) continue;
      const spec = pod.spec?.containers?.find((c) => c.name === cs.name);
      const limit = spec?.resources?.limits?.memory;
      const component = podComponent(pod);
      findings.push({
        class: 'OOMKilled',
        severity: 'error',
        resource: podRef(pod),
        ...(component ? { component } : {}),
        title: `${cs.name} was killed for running out of memory`,
        evidence: [
          `terminated: OOMKilled (exit ${killed.exitCode})${killed.finishedAt ? ` at ${new Date(killed.finishedAt).toISOString()}` : ''}`,
          `memory limit ${limit ?? 'none'}; restarts ${cs.restartCount ?? 0}`,
        ],
        fix: `raise the memory limit, e.g. helm upgrade --reuse-values --set ${valuesKey(component)}.resources.limits.memory=1Gi (through todo-ops deploy --set), or find the leak in the logs`,
      });
    }
  }
  return findings;
};
