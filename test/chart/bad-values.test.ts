/** Mistakes a user makes with the chart's values fail early, saying what to change. */
import { describe, expect, it } from 'vitest';
import { requiredSecrets, type SetValues, template } from './helm-chart.js';

const existing = { 'secrets.existingSecret': 'todo-app-secrets' };

/** [what the user did, values, every fragment the error must contain] */
const cases: [string, SetValues, string[]][] = [
  [
    'backend.replicas=-1',
    { ...requiredSecrets, 'backend.replicas': -1 },
    ['/backend/replicas', 'minimum'],
  ],
  [
    'frontend.replicas=-1',
    { ...requiredSecrets, 'frontend.replicas': -1 },
    ['/frontend/replicas', 'minimum'],
  ],
  [
    'empty ingress host',
    { ...requiredSecrets, 'ingress.host': '' },
    ['ingress.host is empty', '--set ingress.host=todo.local', 'ingress.enabled=false'],
  ],
  [
    'no secrets and no existingSecret',
    {},
    ['secrets.jwtSecret is required', '--set secrets.jwtSecret=', 'secrets.existingSecret'],
  ],
  [
    'no OpenAI key',
    { 'secrets.jwtSecret': 'j', 'postgresql.auth.password': 'p' },
    ['secrets.openaiApiKey is required', '--set secrets.openaiApiKey=', 'secrets.existingSecret'],
  ],
  [
    'in-cluster database without a password',
    { 'secrets.jwtSecret': 'j', 'secrets.openaiApiKey': 'k' },
    [
      'postgresql.auth.password is required',
      '--set postgresql.auth.password=',
      'postgresql.enabled=false',
    ],
  ],
  [
    'external database without DATABASE_URL',
    { 'postgresql.enabled': false, 'secrets.jwtSecret': 'j', 'secrets.openaiApiKey': 'k' },
    ['secrets.databaseUrl is required', '--set secrets.databaseUrl=', 'postgresql.enabled=true'],
  ],
  [
    'external DATABASE_URL while the in-cluster database is on',
    { ...requiredSecrets, 'secrets.databaseUrl': 'postgresql://u:p@h/d' },
    [
      'secrets.databaseUrl is set while postgresql.enabled is true',
      '--set postgresql.enabled=false',
    ],
  ],
  [
    'misspelt key backend.replica',
    { ...requiredSecrets, 'backend.replica': 3 },
    ['/backend', "additional properties 'replica' not allowed"],
  ],
  [
    'unknown top-level key',
    { ...requiredSecrets, replicas: 3 },
    ["additional properties 'replicas' not allowed"],
  ],
  [
    'unknown ingress key',
    { ...requiredSecrets, 'ingress.hostname': 'x' },
    ['/ingress', "'hostname' not allowed"],
  ],
  [
    'image tag latest',
    { ...requiredSecrets, 'backend.image.tag': 'latest' },
    ['backend.image.tag is "latest"', 'unique tag'],
  ],
  [
    'pullPolicy typo',
    { ...requiredSecrets, 'frontend.image.pullPolicy': 'IfNotPresnt' },
    ['/frontend/image/pullPolicy', 'IfNotPresent'],
  ],
  [
    'HPA min above max',
    {
      ...requiredSecrets,
      'backend.autoscaling.enabled': true,
      'backend.autoscaling.minReplicas': 6,
    },
    ['backend.autoscaling.minReplicas (6) is greater than maxReplicas (5)'],
  ],
  [
    'TLS without a certificate Secret',
    { ...requiredSecrets, 'ingress.tls.enabled': true },
    ['ingress.tls.secretName is empty'],
  ],
  [
    'ops without existingSecret',
    { ...requiredSecrets, 'ops.enabled': true },
    [
      'ops.enabled needs secrets.existingSecret',
      'HELM_DRIVER=configmap',
      '--set secrets.existingSecret=',
    ],
  ],
  [
    'kagent without ops',
    { ...existing, 'ops.kagent.enabled': true },
    ['ops.kagent.enabled needs ops.enabled', '--set ops.enabled=true'],
  ],
  [
    'kagent calling a change without approval, which the server would run on its word',
    {
      ...existing,
      'ops.enabled': true,
      'ops.kagent.enabled': true,
      'ops.kagent.requireApproval[0]': 'scale',
      'ops.kagent.requireApproval[1]': 'restart',
      'ops.kagent.requireApproval[2]': 'status',
    },
    ['ops.kagent.toolNames offers "verify", which changes something, without approval'],
  ],
  [
    'an ops tool the server cannot run without helm',
    { ...existing, 'ops.enabled': true, 'ops.tools[0]': 'deploy' },
    ["at '/ops/tools/0': value must be one of"],
  ],
];

describe('todo-app chart rejects bad values', () => {
  it.each(cases)('%s', (_what, values, fragments) => {
    const run = template(values);
    expect(run.status, run.stdout.slice(0, 200)).not.toBe(0);
    for (const fragment of fragments) expect(run.stderr).toContain(fragment);
  });

  it('accepts replicas 0 (a stopped component) and an empty host with the Ingress off', () => {
    expect(template({ ...requiredSecrets, 'backend.replicas': 0 }).status).toBe(0);
    expect(
      template({ ...requiredSecrets, 'ingress.host': '', 'ingress.enabled': false }).status,
    ).toBe(0);
  });

  it('reports every broken rule at once', () => {
    const run = template({
      ...requiredSecrets,
      'backend.image.tag': 'latest',
      'frontend.image.tag': 'latest',
    });
    expect(run.stderr).toContain('backend.image.tag');
    expect(run.stderr).toContain('frontend.image.tag');
  });
});
