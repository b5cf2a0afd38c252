/** What a user of the chart relies on, read from `helm template` output. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  chartDir,
  find,
  type K8sObject,
  type Manifest,
  render,
  requiredSecrets,
} from './helm-chart.js';

const appVersion = (
  parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as { appVersion: string }
).appVersion;
const decode = (secret: K8sObject, key: string): string =>
  Buffer.from(secret.data?.[key] ?? '', 'base64').toString('utf8');
const container = (o: K8sObject): Manifest => o.spec.template.spec.containers[0];
const envNamed = (c: Manifest, name: string): Manifest =>
  (c.env as Manifest[]).find((e) => e.name === name);

describe('todo-app chart with default values', () => {
  const objects = render(requiredSecrets);
  const backend = find(objects, 'Deployment', 'todo-app-backend');
  const frontend = find(objects, 'Deployment', 'todo-app-frontend');

  it('runs 2 backend and 2 frontend pods from appVersion-tagged images built into Minikube', () => {
    expect(backend.spec.replicas).toBe(2);
    expect(frontend.spec.replicas).toBe(2);
    expect(container(backend).image).toBe(`todo-backend:${appVersion}`);
    expect(container(frontend).image).toBe(`todo-frontend:${appVersion}`);
    expect(container(backend).imagePullPolicy).toBe('IfNotPresent');
  });

  it('exposes the backend on 8000 and the frontend on 3000 through ClusterIP Services', () => {
    const be = find(objects, 'Service', 'todo-app-backend');
    const fe = find(objects, 'Service', 'todo-app-frontend');
    expect(be.spec.type).toBe('ClusterIP');
    expect(be.spec.ports[0].port).toBe(8000);
    expect(fe.spec.type).toBe('ClusterIP');
    expect(fe.spec.ports[0].port).toBe(3000);
    expect(container(backend).ports[0].containerPort).toBe(8000);
    expect(container(frontend).ports[0].containerPort).toBe(3000);
  });

  it('probes the backend with /livez (startup, liveness) and /health (readiness)', () => {
    const c = container(backend);
    expect(c.startupProbe.httpGet.path).toBe('/livez');
    expect(c.livenessProbe.httpGet.path).toBe('/livez');
    expect(c.readinessProbe.httpGet.path).toBe('/health');
    expect(container(frontend).readinessProbe.httpGet.path).toBe('/');
  });

  it('routes todo.local /api to the backend and / to the frontend with class nginx', () => {
    const ingress = find(objects, 'Ingress', 'todo-app');
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toBeUndefined();
    const rule = ingress.spec.rules[0];
    expect(rule.host).toBe('todo.local');
    const routes = Object.fromEntries(
      (rule.http.paths as Manifest[]).map((p) => [
        p.path,
        `${p.pathType} ${p.backend.service.name}:${p.backend.service.port.name}`,
      ]),
    );
    expect(routes).toEqual({
      '/api': 'Prefix todo-app-backend:http',
      '/': 'Prefix todo-app-frontend:http',
    });
  });

  it('feeds LOG_LEVEL, ENVIRONMENT, API_VERSION, TRUSTED_PROXIES from the ConfigMap into both components', () => {
    const cm = find(objects, 'ConfigMap', 'todo-app');
    expect(cm.data).toEqual({
      LOG_LEVEL: 'info',
      ENVIRONMENT: 'development',
      API_VERSION: 'v1',
      TRUSTED_PROXIES: '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7',
    });
    for (const d of [backend, frontend]) {
      expect(container(d).envFrom).toContainEqual({ configMapRef: { name: 'todo-app' } });
    }
  });

  it('derives DATABASE_URL for the in-cluster database, with the password URL-encoded', () => {
    const secret = find(objects, 'Secret', 'todo-app');
    expect(decode(secret, 'DATABASE_URL')).toBe(
      'postgresql://todo:p%40ss%20word%2F1@todo-app-postgresql:5432/todo',
    );
    expect(decode(secret, 'POSTGRES_PASSWORD')).toBe('p@ss word/1');
    expect(decode(secret, 'JWT_SECRET')).toBe('test-jwt-secret');
    expect(decode(secret, 'OPENAI_API_KEY')).toBe('sk-test');
    for (const key of ['DATABASE_URL', 'JWT_SECRET', 'OPENAI_API_KEY']) {
      expect(envNamed(container(backend), key).valueFrom.secretKeyRef).toEqual({
        name: 'todo-app',
        key,
      });
    }
    // The backend does not get the database superuser password as such.
    expect(envNamed(container(backend), 'POSTGRES_PASSWORD')).toBeUndefined();
  });

  it('points the frontend at the backend Service for server-side /api forwarding', () => {
    expect(envNamed(container(frontend), 'BACKEND_URL').value).toBe('http://todo-app-backend:8000');
  });

  it('runs PostgreSQL as a StatefulSet with a retained PVC, pg_isready probes and the Secret password', () => {
    const sts = find(objects, 'StatefulSet', 'todo-app-postgresql');
    const headless = find(objects, 'Service', 'todo-app-postgresql');
    expect(headless.spec.clusterIP).toBe('None');
    expect(sts.spec.serviceName).toBe('todo-app-postgresql');
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('1Gi');
    expect(sts.spec.persistentVolumeClaimRetentionPolicy.whenDeleted).toBe('Retain');
    const c = container(sts);
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      expect(c[probe].exec.command[0], probe).toBe('pg_isready');
    }
    expect(envNamed(c, 'POSTGRES_PASSWORD').valueFrom.secretKeyRef).toEqual({
      name: 'todo-app',
      key: 'POSTGRES_PASSWORD',
    });
  });

  it('renders a helm test pod that checks /health through the backend Service', () => {
    const pod = find(objects, 'Pod', 'todo-app-test-health');
    expect(pod.metadata.annotations?.['helm.sh/hook']).toBe('test');
    expect(envNamed(pod.spec.containers[0], 'HEALTH_URL').value).toBe(
      'http://todo-app-backend:8000/health',
    );
  });

  it('renders no optional objects unless asked', () => {
    const kinds = new Set(objects.map((o) => o.kind));
    for (const kind of [
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'NetworkPolicy',
      'ServiceAccount',
      'Role',
      'Agent',
    ]) {
      expect(kinds.has(kind), kind).toBe(false);
    }
  });
});

describe('todo-app chart values that change the rendering', () => {
  const checksums = (values: Record<string, string | number | boolean>) => {
    const d = find(render({ ...requiredSecrets, ...values }), 'Deployment', 'todo-app-backend');
    return d.spec.template.metadata.annotations as Record<string, string>;
  };

  it('scales through backend.replicas and frontend.replicas', () => {
    const objects = render({ ...requiredSecrets, 'backend.replicas': 3, 'frontend.replicas': 1 });
    expect(find(objects, 'Deployment', 'todo-app-backend').spec.replicas).toBe(3);
    expect(find(objects, 'Deployment', 'todo-app-frontend').spec.replicas).toBe(1);
  });

  it('keeps an all-digit tag passed with --set as the same tag', () => {
    const objects = render({ ...requiredSecrets, 'frontend.image.tag': 20261127 });
    expect(container(find(objects, 'Deployment', 'todo-app-frontend')).image).toBe(
      'todo-frontend:20261127',
    );
  });

  it('uses the image repository and the unique tag passed in', () => {
    const objects = render({
      ...requiredSecrets,
      'backend.image.repository': 'reg/todo-be',
      'backend.image.tag': 'sha-3f2a9c1',
    });
    expect(container(find(objects, 'Deployment', 'todo-app-backend')).image).toBe(
      'reg/todo-be:sha-3f2a9c1',
    );
  });

  it('changes checksum/config on a config change and checksum/secret on a secret change only', () => {
    const base = checksums({});
    const config = checksums({ 'config.logLevel': 'debug' });
    const secret = checksums({ 'secrets.jwtSecret': 'rotated' });
    const scaled = checksums({ 'backend.replicas': 4 });
    expect(config['checksum/config']).not.toBe(base['checksum/config']);
    expect(config['checksum/secret']).toBe(base['checksum/secret']);
    expect(secret['checksum/secret']).not.toBe(base['checksum/secret']);
    expect(secret['checksum/config']).toBe(base['checksum/config']);
    expect(scaled).toEqual(base);
  });

  it('moves the host and adds TLS to the Ingress', () => {
    const objects = render({
      ...requiredSecrets,
      'ingress.host': 'todo.example.com',
      'ingress.tls.enabled': true,
      'ingress.tls.secretName': 'todo-tls',
    });
    const ingress = find(objects, 'Ingress', 'todo-app');
    expect(ingress.spec.rules[0].host).toBe('todo.example.com');
    expect(ingress.spec.tls).toEqual([{ hosts: ['todo.example.com'], secretName: 'todo-tls' }]);
  });

  it('drops the database objects and uses the external DATABASE_URL with postgresql.enabled=false', () => {
    const url = 'postgresql://app:pw@ep-cool-1.neon.tech/todo?sslmode=require';
    const objects = render({
      'postgresql.enabled': false,
      'secrets.databaseUrl': url,
      'secrets.jwtSecret': 'j',
      'secrets.openaiApiKey': 'k',
    });
    expect(objects.some((o) => o.kind === 'StatefulSet')).toBe(false);
    expect(objects.some((o) => o.metadata.name === 'todo-app-postgresql')).toBe(false);
    const secret = find(objects, 'Secret', 'todo-app');
    expect(decode(secret, 'DATABASE_URL')).toBe(url);
    expect(secret.data?.POSTGRES_PASSWORD).toBeUndefined();
  });

  it('creates no Secret and reads every key from existingSecret', () => {
    const objects = render({ 'secrets.existingSecret': 'my-secrets' });
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
    const refs = objects
      .flatMap((o) => (o.spec?.template?.spec?.containers ?? []) as Manifest[])
      .flatMap((c) => (c.env ?? []) as Manifest[])
      .map((e) => e.valueFrom?.secretKeyRef?.name)
      .filter(Boolean);
    expect(refs.length).toBeGreaterThanOrEqual(4);
    expect(new Set(refs)).toEqual(new Set(['my-secrets']));
  });

  it('adds HPAs in place of fixed replicas', () => {
    const objects = render({
      ...requiredSecrets,
      'backend.autoscaling.enabled': true,
      'backend.autoscaling.maxReplicas': 7,
    });
    const hpa = find(objects, 'HorizontalPodAutoscaler', 'todo-app-backend');
    expect(hpa.spec).toMatchObject({
      minReplicas: 2,
      maxReplicas: 7,
      scaleTargetRef: { kind: 'Deployment', name: 'todo-app-backend' },
    });
    expect(find(objects, 'Deployment', 'todo-app-backend').spec.replicas).toBeUndefined();
    expect(find(objects, 'Deployment', 'todo-app-frontend').spec.replicas).toBe(2);
  });

  it('creates a ServiceAccount without token automount when asked', () => {
    const objects = render({ ...requiredSecrets, 'serviceAccount.create': true });
    const sa = find(objects, 'ServiceAccount', 'todo-app') as Manifest;
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(
      find(objects, 'Deployment', 'todo-app-backend').spec.template.spec.serviceAccountName,
    ).toBe('todo-app');
  });

  it('names objects after the release', () => {
    const objects = render(requiredSecrets, { release: 'x' });
    expect(objects.map((o) => o.metadata.name)).toContain('x-todo-app-backend');
  });
});
