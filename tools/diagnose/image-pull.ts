/** ImagePullBackOff / ErrImagePull / ErrImageNeverPull: the image is not where the node looks. */
import type { Analyzer, Finding } from './types.js';
import { containerStatuses, podComponent, podRef } from './util.js';

const REASONS = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
]);

export const analyzeImagePull: Analyzer = (state) => {
  const findings: Finding[] = [];
  for (const pod of state.pods) {
    for (const cs of containerStatuses(pod)) {
      const reason = cs.state?.waiting?.reason;
      if (!reason || !REASONS.has(reason)) continue;
      const spec = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find(
        (c) => c.name === cs.name,
      );
      const image = spec?.image ?? cs.image ?? '?';
      const policy = spec?.imagePullPolicy ?? 'IfNotPresent';
      const component = podComponent(pod);
      const never = reason === 'ErrImageNeverPull' || policy === 'Never';
      findings.push({
        class: 'ImagePull',
        severity: 'critical',
        resource: podRef(pod),
        ...(component ? { component } : {}),
        title: `${reason}: ${image}`,
        evidence: [
          `image ${image}, pullPolicy ${policy}`,
          ...(cs.state?.waiting?.message ? [cs.state.waiting.message] : []),
        ],
        fix:
          never || /^[^/]+:[^/]+$/.test(image)
            ? `the image is not in Minikube's Docker daemon: build it there (todo-ops build-images ${component ?? ''}) and redeploy (todo-ops deploy --build)`
            : `check the image name and tag, or that the registry is reachable; set ${component ?? '<component>'}.image.repository/tag and redeploy`,
      });
    }
  }
  return findings;
};
