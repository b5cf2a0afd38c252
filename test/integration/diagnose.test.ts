/**
 * Every failure class provoked on the real test cluster (kwok fault Stages for what only a
 * kubelet would report, the real scheduler/controllers for the rest, real helm) and
 * diagnosed with the right finding; a healthy release gives none.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NetworkingV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { ToolDeps } from '../../tools/deps.js';
import type { Finding } from '../../tools/diagnose/index.js';
import { diagnoseTool } from '../../tools/diagnose.js';
import { HelmError } from '../../tools/platform/helm.js';
import {
  clusterMissing,
  FAULT_ANNOTATION,
  FAULT_MESSAGE_ANNOTATION,
  FAULT_REASON_ANNOTATION,
  FAULT_RESTARTS_ANNOTATION,
  listPods,
  setPodLogs,
  useTestNamespace,
  waitFor,
  waitForReadyPods,
} from '../support/cluster.js';
import { describeWithEnv } from '../support/env.js';
import { helmPath } from '../support/kube-tools.js';
import { clusterDeps, expectOk, FIXTURE_CHART, runTool } from './tools-harness.js';

describeWithEnv('diagnose on the test cluster', clusterMissing(), () => {
  const cluster = useTestNamespace('diagnose');
  const dir = mkdtempSync(join(tmpdir(), 'todo-ops-diag-'));
  let createdIngressClass = false;
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (createdIngressClass)
      await cluster.kc
        .makeApiClient(NetworkingV1Api)
        .deleteIngressClass({ name: 'nginx' })
        .catch(() => undefined);
  });

  const deps = (release: string) => clusterDeps(cluster, { release, helmTimeoutSeconds: 30 });
  const valuesFile = (name: string, values: Record<string, unknown>) => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, stringify({ secrets: { jwtSecret: 'diagnose-test-secret' }, ...values }));
    return file;
  };
  const install = (release: string, values: Record<string, unknown> = {}) =>
    deps(release).helm.upgrade({
      release,
      chart: FIXTURE_CHART,
      install: true,
      valuesFiles: [valuesFile(release, values)],
      timeoutSeconds: 30,
    });
  const fault = (kind: string, extra: Record<string, string> = {}) => ({
    [FAULT_ANNOTATION]: kind,
    ...extra,
  });
  const diagnose = async (d: ToolDeps) =>
    expectOk(await runTool<{ findings: Finding[] }>(diagnoseTool, {}, d)).findings;
  /** Diagnoses until a finding of `cls` shows up (the cluster needs a moment to get there). */
  const findingOf = (release: string, cls: string) =>
    waitFor(async () => (await diagnose(deps(release))).find((f) => f.class === cls), {
      timeoutMs: 60_000,
      intervalMs: 1000,
      what: `a ${cls} finding for ${release}`,
    });
  const selector = (release: string, component: string) =>
    `app.kubernetes.io/instance=${release},app.kubernetes.io/component=${component}`;
  const podOf = async (release: string, component: string) =>
    waitFor(async () => (await listPods(cluster, selector(release, component)))[0], {
      timeoutMs: 30_000,
      what: `a ${component} pod of ${release}`,
    });

  it('finds nothing wrong with a healthy release whose ingress has an address', async () => {
    await install('healthy');
    await waitForReadyPods(cluster, selector('healthy', 'backend'), 2);
    await waitForReadyPods(cluster, selector('healthy', 'frontend'), 1);
    // What an ingress controller does: an IngressClass, and an address on the Ingress.
    const networking = cluster.kc.makeApiClient(NetworkingV1Api);
    try {
      await networking.createIngressClass({
        body: { metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } },
      });
      createdIngressClass = true;
    } catch {
      // already there from an earlier run or another suite
    }
    await networking.patchNamespacedIngressStatus(
      {
        name: 'healthy',
        namespace: cluster.namespace,
        body: { status: { loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const findings = await waitFor(
      async () => {
        const list = await diagnose(deps('healthy'));
        return list.length === 0 ? list : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 1000, what: 'no findings for the healthy release' },
    ).catch(async () => diagnose(deps('healthy')));
    expect(findings).toEqual([]);
  });

  it('reports an Ingress without address when no controller serves it', async () => {
    await install('noaddr');
    const f = await findingOf('noaddr', 'IngressWithoutAddress');
    expect(f.resource).toBe('ingress/noaddr');
  });

  it('reports CrashLoopBackOff with the restart count and the last log line', async () => {
    await install('crash', {
      frontend: { podAnnotations: fault('crashloop', { [FAULT_RESTARTS_ANNOTATION]: '5' }) },
    });
    const pod = await podOf('crash', 'frontend');
    const name = pod.metadata?.name ?? '';
    await setPodLogs(
      cluster,
      name,
      ['starting'],
      ['starting', 'Error: BACKEND_URL must be an http(s) URL'],
    );
    const finding = await waitFor(
      async () => {
        const f = (await diagnose(deps('crash'))).find((x) => x.class === 'CrashLoopBackOff');
        return f?.evidence.some((e) => e.includes('BACKEND_URL')) ? f : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 1000, what: 'a CrashLoopBackOff finding with the log line' },
    );
    expect(finding).toMatchObject({
      severity: 'critical',
      component: 'frontend',
      resource: `pod/${name}`,
    });
    expect(finding.evidence.join('\n')).toContain('5 restarts');
  });

  it('reports OOMKilled', async () => {
    await install('oom', {
      backend: {
        replicas: 1,
        podAnnotations: fault('crashloop', { [FAULT_REASON_ANNOTATION]: 'OOMKilled' }),
      },
    });
    const finding = await findingOf('oom', 'OOMKilled');
    expect(finding.evidence.join(' ')).toContain('memory limit 256Mi');
  });

  it('reports an image Minikube does not have', async () => {
    await install('image', {
      backend: {
        replicas: 1,
        image: { repository: 'todo-backend', tag: 'missing', pullPolicy: 'Never' },
        podAnnotations: fault('waiting', {
          [FAULT_REASON_ANNOTATION]: 'ErrImageNeverPull',
          [FAULT_MESSAGE_ANNOTATION]:
            'Container image "todo-backend:missing" is not present with pull policy of Never',
        }),
      },
    });
    const finding = await findingOf('image', 'ImagePull');
    expect(finding.title).toBe('ErrImageNeverPull: todo-backend:missing');
    expect(finding.fix).toContain('build-images backend');
  });

  it('names the missing Secret key of CreateContainerConfigError', async () => {
    await install('config', {
      backend: {
        replicas: 1,
        secretKey: 'MISSING_KEY',
        podAnnotations: fault('waiting', {
          [FAULT_REASON_ANNOTATION]: 'CreateContainerConfigError',
          [FAULT_MESSAGE_ANNOTATION]: `couldn't find key MISSING_KEY in Secret ${cluster.namespace}/config-secrets`,
        }),
      },
    });
    // The Secret the chart created really lacks that key, as the kubelet would have found.
    expect(await deps('config').kube.readSecretKeys(cluster.namespace, 'config-secrets')).toEqual([
      'JWT_SECRET',
    ]);
    const finding = await findingOf('config', 'CreateContainerConfigError');
    expect(finding.title).toBe('Secret config-secrets has no key MISSING_KEY');
  });

  it('spots a Service selector that matches no pod', async () => {
    await install('selector', { serviceSelectorComponent: 'api' });
    await waitForReadyPods(cluster, selector('selector', 'backend'), 2);
    const finding = await findingOf('selector', 'ServiceWithoutEndpoints');
    expect(finding).toMatchObject({ severity: 'critical', resource: 'service/selector-backend' });
    expect(finding.evidence.join(' ')).toContain('service wants "api", pod has "backend"');
  });

  it('reports Pending for requests no node can hold (real scheduler)', async () => {
    await install('cpu', {
      backend: { replicas: 1, resources: { requests: { cpu: '64', memory: '128Mi' } } },
    });
    const finding = await findingOf('cpu', 'Pending');
    expect(finding.title).toBe('Pending: not enough cpu on any node');
    expect(finding.evidence.join(' ')).toContain('Insufficient cpu');
  });

  it('reports Pending for an unbound PersistentVolumeClaim', async () => {
    await install('pvc', { postgresql: { enabled: true, storageClass: 'no-such-class' } });
    const finding = await waitFor(
      async () =>
        (await diagnose(deps('pvc'))).find(
          (f) => f.class === 'Pending' && f.component === 'postgresql',
        ),
      { timeoutMs: 60_000, intervalMs: 1000, what: 'a Pending finding for postgresql' },
    );
    expect(finding.title).toBe('Pending: its PersistentVolumeClaim is not bound');
  });

  it('reports failing readiness with the probe event', async () => {
    await install('notready', { backend: { replicas: 1, podAnnotations: fault('not-ready') } });
    const finding = await findingOf('notready', 'ReadinessFailing');
    expect(finding.evidence.join(' ')).toContain('statuscode: 503');
  });

  it('reports a Deployment past its progress deadline (real controller)', async () => {
    await install('deadline', {
      backend: { replicas: 1, progressDeadlineSeconds: 2, podAnnotations: fault('not-ready') },
    });
    const finding = await findingOf('deadline', 'ProgressDeadlineExceeded');
    expect(finding.resource).toBe('deployment/deadline-backend');
  });

  it('reads an unreachable database from the backend logs', async () => {
    await install('db', { backend: { replicas: 1 } });
    const [pod] = await waitForReadyPods(cluster, selector('db', 'backend'), 1);
    await setPodLogs(cluster, pod?.metadata?.name ?? '', [
      '{"level":30,"msg":"listening on :8000"}',
      '{"level":50,"msg":"database check failed","err":"connect ECONNREFUSED 10.96.12.7:5432"}',
    ]);
    const finding = await findingOf('db', 'DatabaseUnreachable');
    expect(finding.title).toBe('the backend cannot reach PostgreSQL');
  });

  it('reports a failed helm upgrade that was rolled back', async () => {
    await install('hfail');
    await waitForReadyPods(cluster, selector('hfail', 'frontend'), 1);
    const d = deps('hfail');
    const error = await d.helm
      .upgrade({
        release: 'hfail',
        chart: FIXTURE_CHART,
        reuseValues: true,
        valuesFiles: [valuesFile('hfail-2', { frontend: { podAnnotations: fault('not-ready') } })],
        wait: true,
        rollbackOnFailure: true,
        timeoutSeconds: 5,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelmError);
    expect((error as HelmError).kind).toBe('timeout');
    const finding = await findingOf('hfail', 'HelmReleaseFailed');
    expect(finding).toMatchObject({
      severity: 'warning',
      title: 'revision 2 failed and was rolled back',
    });
  });

  it('reports a release stuck in pending-upgrade after helm was killed', async () => {
    await install('stuck');
    const d = deps('stuck');
    const child = spawn(
      helmPath(),
      [
        'upgrade',
        'stuck',
        FIXTURE_CHART,
        '--namespace',
        cluster.namespace,
        '--kubeconfig',
        cluster.kubeconfigPath,
        '--reuse-values',
        '--values',
        valuesFile('stuck-2', { backend: { podAnnotations: fault('not-ready') } }),
        '--wait=watcher',
        '--timeout',
        '120s',
      ],
      { stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await waitFor(async () => (await d.helm.status('stuck'))?.status === 'pending-upgrade', {
      timeoutMs: 30_000,
      what: 'helm to mark the upgrade pending',
    });
    child.kill('SIGKILL');
    await exited;
    const finding = await findingOf('stuck', 'HelmReleaseFailed');
    expect(finding).toMatchObject({
      severity: 'critical',
      title: 'release stuck in pending-upgrade (revision 2)',
    });
  });
});
