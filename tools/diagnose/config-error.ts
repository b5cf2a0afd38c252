/** CreateContainerConfigError: a referenced Secret or ConfigMap (or one of its keys) is missing. */
import type { Analyzer, Finding } from './types.js';
import { containerStatuses, podComponent, podRef } from './util.js';

export const analyzeConfigError: Analyzer = (state) => {
  const findings: Finding[] = [];
  for (const pod of state.pods) {
    for (const cs of containerStatuses(pod)) {
      if (cs.state?.waiting?.reason !== 'CreateContainerConfigError') continue;
      const message = cs.state.waiting.message ?? '';
      const missingKey = message.match(
        /couldn't find key (\S+) in (Secret|ConfigMap) ([\w.-]+)\/([\w.-]+)/i,
      );
      const missingObject = message.match(/(secret|configmap) "([^"]+)" not found/i);
      const component = podComponent(pod);
      let title = 'cannot create the container: configuration missing';
      let fix =
        'create the missing Secret/ConfigMap or fix the reference in the values, then todo-ops deploy';
      if (missingKey) {
        title = `${missingKey[2]} ${missingKey[4]} has no key ${missingKey[1]}`;
        fix = `add ${missingKey[1]} to ${missingKey[2]} ${missingKey[4]} (deploy passes JWT_SECRET, OPENAI_API_KEY, DATABASE_URL from the environment: export ${missingKey[1]}=... && todo-ops deploy), or point secrets.existingSecret at a Secret that has it`;
      } else if (missingObject) {
        title = `${missingObject[1]} ${missingObject[2]} does not exist`;
        fix = `create ${missingObject[1]} ${missingObject[2]} in namespace ${state.namespace} (kubectl create secret generic ${missingObject[2]} --from-literal=JWT_SECRET=...), or unset secrets.existingSecret so the chart creates it`;
      }
      findings.push({
        class: 'CreateContainerConfigError',
        severity: 'critical',
        resource: podRef(pod),
        ...(component ? { component } : {}),
        title,
        evidence: [`container ${cs.name}: ${message || 'CreateContainerConfigError'}`],
        fix,
      });
    }
  }
  return findings;
};
