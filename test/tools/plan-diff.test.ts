/**
 * The plan of a Helm change: per-object, per-field differences between two manifests, with
 * Secret values hidden, noise fields left out and a digest that depends only on the change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  CHANGED_SECRET,
  MAX_FIELD_LINES,
  planDigest,
  renderPlan,
} from '../../tools/change-plan.js';
import { diffManifests } from '../../tools/manifest-diff.js';
import { clearRegisteredSecrets, REDACTED, registerSecret } from '../../tools/redact.js';

const deployment = (replicas: number, image = 'todo-backend:abc123', extra = '') => `---
# Source: todo-app/templates/backend-deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: todo-app-backend
  labels:
    helm.sh/chart: todo-app-0.1.0
    app.kubernetes.io/name: todo-app
spec:
  replicas: ${replicas}
  template:
    metadata:
      annotations:
        checksum/config: aaa
    spec:
      containers:
        - name: backend
          image: ${image}
${extra}`;

const service = `---
apiVersion: v1
kind: Service
metadata:
  name: todo-app-backend
spec:
  ports:
    - port: 8000
`;

const secret = (jwt: string, extraKey = '') => `---
apiVersion: v1
kind: Secret
metadata:
  name: todo-app
type: Opaque
data:
  JWT_SECRET: "${Buffer.from(jwt).toString('base64')}"
${extraKey}`;

afterEach(() => clearRegisteredSecrets());

describe('diffManifests', () => {
  it('names exactly the object and the field that change', async () => {
    const plan = await diffManifests(deployment(1) + service, deployment(3) + service);
    expect(plan.objects).toEqual([
      {
        kind: 'Deployment',
        name: 'todo-app-backend',
        action: 'update',
        fields: [{ path: 'spec.replicas', before: 1, after: 3 }],
      },
    ]);
    expect(renderPlan(plan)).toEqual(['~ Deployment todo-app-backend: spec.replicas 1 → 3']);
  });

  it('shows an image change as the container field, with list indexes in the path', async () => {
    const plan = await diffManifests(deployment(2), deployment(2, 'todo-backend:def456'));
    expect(plan.objects[0]?.fields).toEqual([
      {
        path: 'spec.template.spec.containers[0].image',
        before: 'todo-backend:abc123',
        after: 'todo-backend:def456',
      },
    ]);
  });

  it('is empty when only noise differs: status, server fields, the chart version label', async () => {
    const live = deployment(2).replace(
      '  name: todo-app-backend\n',
      '  name: todo-app-backend\n  uid: 1234\n  resourceVersion: "99"\n  generation: 4\n  creationTimestamp: "2026-01-01T00:00:00Z"\n  managedFields: [{manager: helm}]\n',
    );
    const next = `${deployment(2).replace('todo-app-0.1.0', 'todo-app-0.2.0')}status:\n  replicas: 2\n`;
    const plan = await diffManifests(live, next);
    expect(plan.objects).toEqual([]);
    expect(renderPlan(plan)).toEqual(['nothing to change: every object already matches']);
  });

  it('lists created and deleted objects by kind and name, without fields', async () => {
    const plan = await diffManifests(deployment(2), service);
    expect(plan.objects).toEqual([
      { kind: 'Deployment', name: 'todo-app-backend', action: 'delete', fields: [] },
      { kind: 'Service', name: 'todo-app-backend', action: 'create', fields: [] },
    ]);
    expect(renderPlan(plan)).toEqual([
      '- Deployment todo-app-backend',
      '+ Service todo-app-backend',
    ]);
  });

  it('quotes keys that hold dots or slashes', async () => {
    const plan = await diffManifests(
      deployment(2),
      deployment(2).replace('checksum/config: aaa', 'checksum/config: bbb'),
    );
    expect(plan.objects[0]?.fields.map((f) => f.path)).toEqual([
      'spec.template.metadata.annotations["checksum/config"]',
    ]);
  });
});

describe('Secret values in a plan', () => {
  it('says which key changed and never shows a value, old or new, plain or base64', async () => {
    const plan = await diffManifests(
      secret('old-jwt-secret-value'),
      secret('new-jwt-secret-value', '  OPENAI_API_KEY: "c2stbmV3LWtleQ=="\n'),
    );
    expect(plan.objects).toEqual([
      {
        kind: 'Secret',
        name: 'todo-app',
        action: 'update',
        fields: [
          { path: 'data.JWT_SECRET', before: REDACTED, after: CHANGED_SECRET },
          { path: 'data.OPENAI_API_KEY', after: REDACTED },
        ],
      },
    ]);
    const shown = JSON.stringify(plan) + renderPlan(plan).join('\n');
    for (const value of ['old-jwt-secret-value', 'new-jwt-secret-value', 'sk-new-key']) {
      expect(shown).not.toContain(value);
      expect(shown).not.toContain(Buffer.from(value).toString('base64'));
    }
  });

  it('shows no change for a Secret whose values stay the same', async () => {
    expect((await diffManifests(secret('same-secret-1'), secret('same-secret-1'))).objects).toEqual(
      [],
    );
  });

  it('masks a known secret value that appears in another object, e.g. a ConfigMap', async () => {
    registerSecret('hunter2-database-password');
    const cm = (v: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  URL: "postgresql://todo@db/${v}"\n`;
    const plan = await diffManifests(cm('a'), cm('hunter2-database-password'));
    expect(JSON.stringify(plan)).not.toContain('hunter2-database-password');
    expect(plan.objects[0]?.fields[0]?.path).toBe('data.URL');
  });
});

describe('the plan digest', () => {
  it('is the same for the same change whatever the key order of the manifests', async () => {
    const reordered = `---
kind: Deployment
spec:
  template:
    spec:
      containers:
        - image: todo-backend:abc123
          name: backend
    metadata:
      annotations:
        checksum/config: aaa
  replicas: 3
metadata:
  labels:
    app.kubernetes.io/name: todo-app
    helm.sh/chart: todo-app-0.1.0
  name: todo-app-backend
apiVersion: apps/v1
`;
    const a = await diffManifests(service + deployment(1), deployment(3) + service);
    const b = await diffManifests(deployment(1) + service, service + reordered);
    expect(b).toEqual(a);
    expect(b.digest).toBe(a.digest);
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when the change differs', async () => {
    expect((await diffManifests(deployment(1), deployment(3))).digest).not.toBe(
      (await diffManifests(deployment(1), deployment(4))).digest,
    );
    expect(planDigest([])).toBe((await diffManifests(service, service)).digest);
  });
});

describe('renderPlan', () => {
  it('lists the fields of an object below it, capped with "… and N more"', async () => {
    const env = (n: number, v: string) =>
      `          env:\n${Array.from({ length: n }, (_, i) => `            - name: V${i}\n              value: "${v}"\n`).join('')}`;
    const plan = await diffManifests(
      deployment(1, 'a:1', env(25, 'x')),
      deployment(2, 'a:1', env(25, 'y')),
    );
    const lines = renderPlan(plan);
    expect(lines[0]).toBe('~ Deployment todo-app-backend');
    expect(lines).toHaveLength(1 + MAX_FIELD_LINES + 1);
    expect(lines.at(-1)).toBe(`    … and ${26 - MAX_FIELD_LINES} more`);
    expect(lines).toContain('    spec.replicas 1 → 2');
  });
});
