/**
 * Invariants every rendering of the chart must keep, whatever the values: selectors
 * match pods, every container is probed, bounded and locked down, images are pinned,
 * config changes roll pods.
 */
import { describe, expect, it } from 'vitest';
import {
  type K8sObject,
  type Manifest,
  type PodTemplate,
  podTemplates,
  render,
  requiredSecrets,
  type SetValues,
} from './helm-chart.js';

const existing = { 'secrets.existingSecret': 'todo-app-secrets' };

/** The combinations the chart is used with (issue 6: default and at least four more). */
const combinations: Record<string, SetValues> = {
  default: requiredSecrets,
  'external database (Neon)': {
    'postgresql.enabled': false,
    'secrets.databaseUrl': 'postgresql://app:pw@ep-cool-1.neon.tech/todo?sslmode=require',
    'secrets.jwtSecret': 'j',
    'secrets.openaiApiKey': 'k',
  },
  existingSecret: existing,
  'HPA on': {
    ...requiredSecrets,
    'backend.autoscaling.enabled': true,
    'frontend.autoscaling.enabled': true,
  },
  'ops + kagent on': { ...existing, 'ops.enabled': true, 'ops.kagent.enabled': true },
  'every option on': {
    ...existing,
    'ops.enabled': true,
    'ops.kagent.enabled': true,
    'networkPolicy.enabled': true,
    'podDisruptionBudget.enabled': true,
    'serviceAccount.create': true,
    'backend.autoscaling.enabled': true,
    'ingress.tls.enabled': true,
    'ingress.tls.secretName': 'todo-tls',
  },
};

const isHookTest = (t: PodTemplate): boolean =>
  (t.owner.metadata.annotations?.['helm.sh/hook'] ?? '').includes('test');

const matches = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** matchLabels plus matchExpressions (In / Exists) against a label set. */
function selects(selector: Manifest, labels: Record<string, string>): boolean {
  if (!matches(selector.matchLabels ?? {}, labels)) return false;
  return (selector.matchExpressions ?? []).every(
    (e: { key: string; operator: string; values?: string[] }) =>
      (e.operator === 'In' && e.values?.includes(labels[e.key] ?? '')) ||
      (e.operator === 'Exists' && e.key in labels),
  );
}

/** The effective security setting: container first, then pod. */
const effective = (container: Manifest, pod: Manifest, key: string): unknown =>
  container.securityContext?.[key] ?? pod.securityContext?.[key];

describe.each(Object.entries(combinations))('rendered with %s', (_name, values) => {
  const objects = render(values);
  const pods = podTemplates(objects);
  const workloads = objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind));

  it('renders workloads and pods', () => {
    expect(workloads.length).toBeGreaterThanOrEqual(2);
    expect(pods.length).toBeGreaterThanOrEqual(workloads.length);
  });

  it('labels every object with app.kubernetes.io/* and hard-codes no namespace', () => {
    for (const o of objects) {
      const labels = o.metadata.labels ?? {};
      expect(labels['app.kubernetes.io/name'], `${o.kind}/${o.metadata.name}`).toBe('todo-app');
      expect(labels['app.kubernetes.io/instance'], `${o.kind}/${o.metadata.name}`).toBe('todo-app');
      expect(labels['app.kubernetes.io/managed-by'], `${o.kind}/${o.metadata.name}`).toBe('Helm');
      expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBeUndefined();
    }
  });

  it('has every workload selector match its own pod template labels', () => {
    for (const w of workloads) {
      const selector = w.spec.selector.matchLabels as Record<string, string>;
      expect(Object.keys(selector).length, w.metadata.name).toBeGreaterThan(0);
      expect(matches(selector, w.spec.template.metadata.labels), w.metadata.name).toBe(true);
      // No other workload's pods may be selected (component keeps them apart).
      for (const other of workloads.filter((o) => o !== w)) {
        expect(
          matches(selector, other.spec.template.metadata.labels),
          `${w.metadata.name} vs ${other.metadata.name}`,
        ).toBe(false);
      }
    }
  });

  it('has every Service select exactly one workload and target a named container port', () => {
    for (const svc of objects.filter((o) => o.kind === 'Service')) {
      const owners = workloads.filter((w) =>
        matches(svc.spec.selector, w.spec.template.metadata.labels),
      );
      expect(
        owners.map((w) => w.metadata.name),
        svc.metadata.name,
      ).toHaveLength(1);
      const ports = ((owners[0]?.spec.template.spec.containers ?? []) as Manifest[]).flatMap(
        (c) => c.ports ?? [],
      );
      for (const port of svc.spec.ports) {
        expect(
          ports.map((p: Manifest) => p.name),
          `${svc.metadata.name} -> ${port.targetPort}`,
        ).toContain(port.targetPort);
      }
    }
  });

  it('has every PDB, HPA and NetworkPolicy point at pods that exist', () => {
    for (const pdb of objects.filter((o) => o.kind === 'PodDisruptionBudget')) {
      expect(
        pods.some((p) => selects(pdb.spec.selector, p.labels)),
        pdb.metadata.name,
      ).toBe(true);
    }
    for (const np of objects.filter((o) => o.kind === 'NetworkPolicy')) {
      expect(
        pods.some((p) => selects(np.spec.podSelector, p.labels)),
        np.metadata.name,
      ).toBe(true);
      // DNS is always allowed out.
      const egressPorts = (np.spec.egress as Manifest[]).flatMap((r) => r.ports ?? []);
      expect(egressPorts).toContainEqual({ port: 53, protocol: 'UDP' });
    }
    for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
      const target = workloads.find(
        (w) =>
          w.kind === hpa.spec.scaleTargetRef.kind &&
          w.metadata.name === hpa.spec.scaleTargetRef.name,
      );
      expect(target, hpa.metadata.name).toBeDefined();
      // Helm must not fight the HPA over replicas.
      expect(target?.spec.replicas, hpa.metadata.name).toBeUndefined();
    }
  });

  it('probes, bounds and locks down every container', () => {
    for (const pod of pods) {
      const where = `${pod.owner.kind}/${pod.owner.metadata.name}`;
      expect(pod.spec.securityContext?.runAsNonRoot, where).toBe(true);
      for (const c of pod.spec.containers as Manifest[]) {
        const at = `${where} container ${c.name}`;
        if (!isHookTest(pod)) {
          expect(c.livenessProbe, at).toBeDefined();
          expect(c.readinessProbe, at).toBeDefined();
          expect(c.startupProbe, at).toBeDefined();
        }
        for (const kind of ['requests', 'limits']) {
          expect(c.resources?.[kind]?.cpu, `${at} ${kind}.cpu`).toBeDefined();
          expect(c.resources?.[kind]?.memory, `${at} ${kind}.memory`).toBeDefined();
        }
        expect(effective(c, pod.spec, 'runAsNonRoot'), at).toBe(true);
        expect(c.securityContext?.readOnlyRootFilesystem, at).toBe(true);
        expect(c.securityContext?.allowPrivilegeEscalation, at).toBe(false);
        expect(c.securityContext?.capabilities?.drop, at).toContain('ALL');
        expect(c.securityContext?.capabilities?.add ?? [], at).toEqual([]);
        expect((effective(c, pod.spec, 'seccompProfile') as Manifest)?.type, at).toBe(
          'RuntimeDefault',
        );
        if (!isHookTest(pod)) {
          // A read-only root needs a writable /tmp.
          const tmp = (c.volumeMounts ?? []).find((m: Manifest) => m.mountPath === '/tmp');
          expect(tmp, `${at} /tmp`).toBeDefined();
          const volume = (pod.spec.volumes as Manifest[]).find((v) => v.name === tmp?.name);
          expect(volume?.emptyDir, `${at} /tmp is an emptyDir`).toBeDefined();
        }
      }
    }
  });

  it('pins every image to an explicit tag that is not latest', () => {
    for (const pod of pods) {
      for (const c of pod.spec.containers as Manifest[]) {
        const image = c.image as string;
        const tag = image.slice(image.lastIndexOf(':') + 1);
        expect(image.lastIndexOf(':'), image).toBeGreaterThan(image.lastIndexOf('/'));
        expect(tag, image).not.toBe('latest');
        expect(['IfNotPresent', 'Never']).toContain(c.imagePullPolicy);
      }
    }
  });

  it('puts checksum annotations on the app pods so config changes roll them', () => {
    const sha = /^[0-9a-f]{64}$/;
    for (const name of ['todo-app-backend', 'todo-app-frontend']) {
      const d = workloads.find((w) => w.metadata.name === name) as K8sObject;
      const annotations = d.spec.template.metadata.annotations;
      expect(annotations['checksum/config'], name).toMatch(sha);
    }
    const backend = workloads.find((w) => w.metadata.name === 'todo-app-backend') as K8sObject;
    const secretRendered = objects.some((o) => o.kind === 'Secret');
    expect(backend.spec.template.metadata.annotations['checksum/secret'] !== undefined).toBe(
      secretRendered,
    );
  });

  it('rolls Deployments without losing ready pods and drains before stopping', () => {
    for (const d of workloads.filter((w) => w.kind === 'Deployment')) {
      expect(d.spec.strategy.type).toBe('RollingUpdate');
      expect(d.spec.strategy.rollingUpdate.maxUnavailable, d.metadata.name).toBe(0);
    }
    for (const name of ['todo-app-backend', 'todo-app-frontend']) {
      const d = workloads.find((w) => w.metadata.name === name) as K8sObject;
      const c = d.spec.template.spec.containers[0];
      expect(c.lifecycle.preStop.sleep.seconds, name).toBeGreaterThan(0);
      expect(d.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(
        c.lifecycle.preStop.sleep.seconds,
      );
      expect(d.spec.template.spec.automountServiceAccountToken, name).toBe(false);
    }
  });

  it('lets the in-cluster ops server read only the app Secret, by name, and no wildcard', () => {
    for (const role of objects.filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole')) {
      for (const rule of (role as Manifest).rules as Manifest[]) {
        if ((rule.resources as string[]).includes('secrets')) {
          expect(rule.resources).toEqual(['secrets']);
          expect(rule.resourceNames).toEqual([values['secrets.existingSecret']]);
          expect(rule.verbs).toEqual(['get']);
        }
        expect(rule.resources, role.metadata.name).not.toContain('*');
        expect(rule.verbs, role.metadata.name).not.toContain('*');
        expect(rule.apiGroups, role.metadata.name).not.toContain('*');
      }
    }
    expect(
      objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding'),
    ).toEqual([]);
  });
});
