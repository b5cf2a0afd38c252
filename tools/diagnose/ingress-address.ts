/** Ingress without address: no ingress controller (Minikube's ingress addon off) or it has not admitted the Ingress. */
import type { Analyzer, Finding } from './types.js';

export const analyzeIngressAddress: Analyzer = (state) => {
  const findings: Finding[] = [];
  for (const ing of state.ingresses) {
    const addresses = ing.status?.loadBalancer?.ingress ?? [];
    if (addresses.some((a) => a.ip || a.hostname)) continue;
    const name = ing.metadata?.name ?? '';
    const className =
      ing.spec?.ingressClassName ?? ing.metadata?.annotations?.['kubernetes.io/ingress.class'];
    const classes = state.ingressClasses;
    const classMissing =
      classes !== undefined &&
      className !== undefined &&
      !classes.some((c) => c.metadata?.name === className);
    const hosts = (ing.spec?.rules ?? []).map((r) => r.host).filter(Boolean);
    findings.push({
      class: 'IngressWithoutAddress',
      severity: 'warning',
      resource: `ingress/${name}`,
      title: classMissing
        ? `no ingress controller: IngressClass "${className}" does not exist`
        : 'the ingress controller has not given it an address',
      evidence: [
        `hosts ${hosts.join(', ') || '*'}; class ${className ?? '(default)'}`,
        ...(classes
          ? [
              `IngressClasses in the cluster: ${classes.map((c) => c.metadata?.name).join(', ') || 'none'}`,
            ]
          : []),
      ],
      fix: classMissing
        ? 'enable the controller: minikube addons enable ingress (todo-ops setup-cluster does it), then wait a minute'
        : 'check the controller: kubectl -n ingress-nginx get pods; on Minikube `minikube addons enable ingress`',
    });
  }
  return findings;
};
