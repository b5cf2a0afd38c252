/** Pending: the scheduler cannot place a pod (not enough CPU/memory) or its PVC is unbound. */
import type { Analyzer, Finding } from './types.js';
import { eventsFor, podComponent, podRef, valuesKey } from './util.js';

export const analyzePending: Analyzer = (state) => {
  const findings: Finding[] = [];
  for (const pod of state.pods) {
    if (pod.status?.phase !== 'Pending' || pod.spec?.nodeName) continue;
    const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const name = pod.metadata?.name ?? '';
    const event = eventsFor(state.events, 'Pod', name).find((e) => e.reason === 'FailedScheduling');
    const message = scheduled?.message ?? event?.message ?? '';
    if (scheduled?.status !== 'False' && !event) continue;
    const component = podComponent(pod);
    const requests = (pod.spec?.containers ?? [])
      .map((c) => c.resources?.requests)
      .filter(Boolean)
      .map((r) => `cpu ${r?.cpu ?? '-'}, memory ${r?.memory ?? '-'}`);
    const unboundClaim = /unbound|PersistentVolumeClaim/i.test(message);
    const insufficient = [...message.matchAll(/Insufficient (cpu|memory)/gi)].map((m) =>
      m[1]?.toLowerCase(),
    );
    const claims = (pod.spec?.volumes ?? []).flatMap((v) =>
      v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : [],
    );
    const pendingClaims = state.pvcs.filter(
      (p) => claims.includes(p.metadata?.name ?? '') && p.status?.phase !== 'Bound',
    );
    let title: string;
    let fix: string;
    if (unboundClaim || pendingClaims.length) {
      title = 'Pending: its PersistentVolumeClaim is not bound';
      fix =
        'the cluster has no volume for the claim: on Minikube enable the storage-provisioner and default-storageclass addons (minikube addons enable storage-provisioner); else set postgresql.persistence.storageClass to an existing StorageClass';
    } else if (insufficient.length) {
      title = `Pending: not enough ${[...new Set(insufficient)].join(' and ')} on any node`;
      // Minikube keeps an existing cluster's size (it only warns on --cpus/--memory), so
      // a bigger cluster means a new one.
      fix = `lower the requests (helm upgrade --reuse-values --set ${valuesKey(component)}.resources.requests.${insufficient[0]}=...) or scale other workloads down; for a bigger Minikube, delete the cluster (its data goes with it) and start a new one: minikube delete, then minikube start --cpus=4 --memory=8192`;
    } else {
      title = 'Pending: the scheduler cannot place it';
      fix =
        'read the scheduler message above (node selectors, taints, affinity) and adjust the values';
    }
    findings.push({
      class: 'Pending',
      severity: 'error',
      resource: podRef(pod),
      ...(component ? { component } : {}),
      title,
      evidence: [
        ...(message ? [message] : []),
        ...requests.map((r) => `requests: ${r}`),
        ...pendingClaims.map(
          (p) =>
            `pvc/${p.metadata?.name}: ${p.status?.phase ?? 'Pending'}${p.spec?.storageClassName ? ` (class ${p.spec.storageClassName})` : ''}`,
        ),
      ],
      fix,
    });
  }
  return findings;
};
