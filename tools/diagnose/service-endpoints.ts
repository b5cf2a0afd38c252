/** Service without endpoints: its selector matches no pod (a label mismatch) or no ready pod. */

import { readyEndpoints } from '../cluster-state.js';
import { componentOf } from '../common.js';
import type { Analyzer, Finding } from './types.js';

export const analyzeServiceEndpoints: Analyzer = (state) => {
  const findings: Finding[] = [];
  for (const svc of state.services) {
    const selector = svc.spec?.selector;
    if (!selector || Object.keys(selector).length === 0) continue;
    const name = svc.metadata?.name ?? '';
    const matching = state.pods.filter((pod) =>
      Object.entries(selector).every(([k, v]) => pod.metadata?.labels?.[k] === v),
    );
    const component = componentOf(svc);
    const selectorText = Object.entries(selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    if (matching.length === 0) {
      const sameComponent = state.pods.filter((p) => component && componentOf(p) === component);
      const diff = sameComponent[0]
        ? Object.entries(selector)
            .filter(([k, v]) => sameComponent[0]?.metadata?.labels?.[k] !== v)
            .map(
              ([k, v]) =>
                `${k}: service wants "${v}", pod has "${sameComponent[0]?.metadata?.labels?.[k] ?? '(none)'}"`,
            )
        : [];
      findings.push({
        class: 'ServiceWithoutEndpoints',
        severity: 'critical',
        resource: `service/${name}`,
        ...(component ? { component } : {}),
        title: sameComponent.length
          ? 'selector matches none of the pods (label mismatch)'
          : 'selector matches no pod',
        evidence: [`selector ${selectorText}`, ...diff, `${state.pods.length} pods in the release`],
        fix: sameComponent.length
          ? 'the Service selector and the pod labels disagree: both come from todo-app.selectorLabels in the chart; redeploy the chart unmodified (todo-ops deploy) or fix the template'
          : `no ${component ?? ''} pods exist: check the workload (todo-ops status) and its replicas`,
      });
      continue;
    }
    if (readyEndpoints(svc, state.endpointSlices) === 0 && matching.every((p) => !isReady(p))) {
      findings.push({
        class: 'ServiceWithoutEndpoints',
        severity: 'warning',
        resource: `service/${name}`,
        ...(component ? { component } : {}),
        title: `no ready endpoints: none of its ${matching.length} pods is ready`,
        evidence: [
          `selector ${selectorText}`,
          ...matching.slice(0, 3).map((p) => `pod/${p.metadata?.name} not ready`),
        ],
        fix: 'traffic resumes when the pods are ready: see the pod findings above',
      });
    }
  }
  return findings;
};

function isReady(pod: {
  status?: { conditions?: Array<{ type: string; status: string }> };
}): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}
