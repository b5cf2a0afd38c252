/** The todo-ops CLI against the test cluster: real commands, exit codes and RBAC errors. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../../src/cli/index.js';
import { readAudit } from '../../tools/audit-log.js';
import { capture } from '../cli/capture.js';
import { clusterMissing, useTestNamespace, waitForReadyPods } from '../support/cluster.js';
import { describeWithEnv } from '../support/env.js';
import { helmPath } from '../support/kube-tools.js';
import { APP_CHART, TEST_SECRETS } from './tools-harness.js';

describeWithEnv('todo-ops CLI on the test cluster', clusterMissing(), () => {
  const cluster = useTestNamespace('cli');
  const auditLog = join(mkdtempSync(join(tmpdir(), 'todo-ops-cli-audit-')), 'audit.jsonl');
  const env = () => ({
    TODO_OPS_AUDIT_LOG: auditLog,
    KUBECONFIG: cluster.kubeconfigPath,
    TODO_OPS_HELM: helmPath(),
    TODO_OPS_CHART: APP_CHART,
    // kwok's pods answer no HTTP: changes are proven on the real node (safe-deploy.test.ts).
    TODO_OPS_PROVE: '0',
    ...TEST_SECRETS,
    PATH: process.env.PATH,
  });
  const cli = async (...args: string[]) => {
    const c = capture(env());
    const code = await runCli(
      ['node', 'todo-ops', '--namespace', cluster.namespace, ...args],
      c.runtime,
    );
    return { code, out: c.out(), err: c.err() };
  };

  it('deploys, shows status as a table, scales and diagnoses', async () => {
    const deploy = await cli('deploy', '--yes');
    expect(deploy.code, deploy.err).toBe(0);
    expect(deploy.out).toContain('installed todo-app revision 1');
    for (const secret of Object.values(TEST_SECRETS)) {
      expect(deploy.out).not.toContain(secret);
      expect(deploy.err).not.toContain(secret);
    }
    const status = await cli('status');
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/POD\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
    expect(status.out).toMatch(/todo-app-backend-\S+\s+1\/1\s+Running\s+0/);
    const scale = await cli('scale', 'backend', '3', '--yes');
    expect(scale.code, scale.err).toBe(0);
    expect(scale.out).toContain('backend 2 -> 3 replicas: 3/3 ready');
    expect(scale.err).toContain('helm upgrade todo-app --reuse-values --set backend.replicas=3');
    await waitForReadyPods(
      cluster,
      'app.kubernetes.io/instance=todo-app,app.kubernetes.io/component=backend',
      3,
      5_000,
    );
    const json = await cli('history', '--json');
    expect(JSON.parse(json.out)).toMatchObject({
      ok: true,
      data: {
        revisions: [
          { revision: 1, asked: { door: 'cli', tool: 'deploy', outcome: 'ok' } },
          {
            revision: 2,
            asked: { request: `todo-ops --namespace ${cluster.namespace} scale backend 3 --yes` },
          },
        ],
      },
    });
    // One line per change, with the revisions helm reported before and after.
    expect(readAudit(auditLog)).toMatchObject([
      { tool: 'deploy', revisionAfter: 1, outcome: 'ok' },
      { tool: 'scale', revisionBefore: 1, revisionAfter: 2, outcome: 'ok' },
    ]);
    expect(readFileSync(auditLog, 'utf8')).not.toContain(TEST_SECRETS.JWT_SECRET);
    // No ingress controller runs on the test cluster: the one finding says so, with the fix.
    const diagnose = await cli('diagnose');
    expect(diagnose.code).toBe(0);
    expect(diagnose.out).toContain('✗ IngressWithoutAddress  ingress/todo-app  [warning]');
    expect(diagnose.out).toContain('fix: ');
    const logs = await cli('logs', 'backend', '--tail', '5');
    expect(logs.code).toBe(0);
  });

  it('doctor passes on the test cluster: helm, a local context, a reachable API', async () => {
    const doctor = await cli('doctor', '--json');
    const result = JSON.parse(doctor.out) as {
      ok: boolean;
      data: { checks: Array<{ name: string; ok: boolean; detail: string }> };
    };
    expect(doctor.code, doctor.out).toBe(0);
    const checks = Object.fromEntries(result.data.checks.map((c) => [c.name, c]));
    expect(checks['kube context']).toMatchObject({
      ok: true,
      detail: `${cluster.context} (local)`,
    });
    expect(checks['kubernetes API']?.ok).toBe(true);
    expect(checks.helm?.detail).toMatch(/^v4\./);
  });

  it('a usage error exits 2 and an unconfirmed scale exits 3 without touching the release', async () => {
    expect((await cli('scale', 'backend', '-1', '--yes')).code).toBe(2);
    const refused = await cli('scale', 'backend', '1');
    expect(refused.code).toBe(3);
    expect(refused.err).toContain('it would scale backend to 1 replicas');
    const history = JSON.parse((await cli('history', '--json')).out) as {
      data: { revisions: unknown[] };
    };
    expect(history.data.revisions.length).toBe(2);
  });

  it('RBAC forbidden: a clear message, exit 1, no stack trace', async () => {
    await cluster.core.createNamespacedServiceAccount({
      namespace: cluster.namespace,
      body: { metadata: { name: 'nobody' } },
    });
    const token = await cluster.core.createNamespacedServiceAccountToken({
      name: 'nobody',
      namespace: cluster.namespace,
      body: { spec: { expirationSeconds: 600, audiences: [] } },
    });
    const current = cluster.kc.getCurrentCluster();
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'todo-ops-rbac-')), 'config');
    writeFileSync(
      kubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'test',
            cluster: {
              server: current?.server,
              ...(current?.caData ? { 'certificate-authority-data': current.caData } : {}),
              ...(current?.caFile ? { 'certificate-authority': current.caFile } : {}),
              ...(current?.skipTLSVerify ? { 'insecure-skip-tls-verify': true } : {}),
            },
          },
        ],
        users: [{ name: 'nobody', user: { token: token.status?.token } }],
        contexts: [
          {
            name: 'kwok-nobody',
            context: { cluster: 'test', user: 'nobody', namespace: cluster.namespace },
          },
        ],
        'current-context': 'kwok-nobody',
      }),
    );
    const c = capture({ ...env(), KUBECONFIG: kubeconfig });
    const code = await runCli(
      ['node', 'todo-ops', '--namespace', cluster.namespace, 'status'],
      c.runtime,
    );
    expect(code).toBe(1);
    expect(c.err()).toMatch(/forbidden/);
    expect(c.err()).toContain('hint: the kube user lacks RBAC permission');
    expect(c.err()).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
