/**
 * charts/todo-app against a real API server (the kwok test cluster: pods become
 * Running/Ready, nothing executes). What `todo-ops deploy/scale/teardown` rely on:
 * every object is accepted, install becomes ready, scaling and config changes roll,
 * uninstall keeps the data volume and a reinstall binds it again.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  chartDir,
  helm as helmSync,
  type Manifest,
  requiredSecrets,
  type SetValues,
  setArgs,
} from '../chart/helm-chart.js';
import { crdFiles, kagentCrdsMissing } from '../chart/kagent-crds.js';
import {
  clusterMissing,
  isPodReady,
  listPods,
  useTestNamespace,
  waitFor,
  waitForReadyPods,
} from '../support/cluster.js';
import { describeWithEnv } from '../support/env.js';
import { helmPath, kubectlPath } from '../support/kube-tools.js';

const run = promisify(execFile);
const release = 'todo-app';
const selector = (component: string) =>
  `app.kubernetes.io/instance=${release},app.kubernetes.io/component=${component}`;

describeWithEnv('todo-app chart on the test cluster', clusterMissing(), () => {
  const cluster = useTestNamespace('chart');
  // The test cluster has no volume provisioner: a StorageClass without one and a
  // hostPath PV (cluster-scoped, named after this file's namespace) stand in for
  // Minikube's `standard` class so the PostgreSQL PVC can bind.
  let storageClass = '';

  const kubectl = async (args: string[], input?: string): Promise<string> => {
    const child = run(kubectlPath(), ['--kubeconfig', cluster.kubeconfigPath, ...args], {
      maxBuffer: 64 * 1024 * 1024,
    });
    if (input !== undefined) {
      child.child.stdin?.end(input);
    }
    const { stdout } = await child;
    return stdout;
  };
  const getJson = async (args: string[]): Promise<Manifest> =>
    JSON.parse(await kubectl(['-n', cluster.namespace, 'get', ...args, '-o', 'json']));
  const helm = async (args: string[]): Promise<string> => {
    try {
      const { stdout } = await run(
        helmPath(),
        [...args, '--kubeconfig', cluster.kubeconfigPath, '--namespace', cluster.namespace],
        { maxBuffer: 64 * 1024 * 1024 },
      );
      return stdout;
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(`helm ${args.slice(0, 2).join(' ')} failed: ${e.stderr || e.message}`);
    }
  };
  const installValues = (): SetValues => ({
    ...requiredSecrets,
    'postgresql.persistence.storageClass': storageClass,
  });
  const install = () => helm(['install', release, chartDir, ...setArgs(installValues())]);

  const deploymentAvailable = async (name: string, replicas: number) => {
    const d = await getJson(['deployment', name]);
    const available = (d.status?.conditions ?? []).some(
      (c: Manifest) => c.type === 'Available' && c.status === 'True',
    );
    return (
      available &&
      d.status?.observedGeneration >= d.metadata.generation &&
      d.spec.replicas === replicas &&
      d.status?.readyReplicas === replicas &&
      d.status?.updatedReplicas === replicas &&
      (d.status?.replicas ?? 0) === replicas
    );
  };
  const readyAddresses = async (service: string): Promise<number> => {
    const slices = await getJson(['endpointslices', '-l', `kubernetes.io/service-name=${service}`]);
    return (slices.items as Manifest[])
      .flatMap((s) => s.endpoints ?? [])
      .filter((e: Manifest) => e.conditions?.ready !== false).length;
  };
  const waitForInstall = async () => {
    for (const [name, replicas] of [
      ['todo-app-backend', 2],
      ['todo-app-frontend', 2],
    ] as const) {
      await waitFor(() => deploymentAvailable(name, replicas), {
        timeoutMs: 120_000,
        what: `Deployment ${name} Available with ${replicas} ready pods`,
      });
    }
    await waitFor(
      async () =>
        (await getJson(['statefulset', 'todo-app-postgresql'])).status?.readyReplicas === 1,
      { timeoutMs: 120_000, what: 'StatefulSet todo-app-postgresql Ready' },
    );
  };

  beforeAll(async () => {
    storageClass = `todo-test-${cluster.namespace}`;
    await kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          {
            apiVersion: 'storage.k8s.io/v1',
            kind: 'StorageClass',
            metadata: { name: storageClass },
            provisioner: 'kubernetes.io/no-provisioner',
            volumeBindingMode: 'Immediate',
            reclaimPolicy: 'Retain',
          },
          {
            apiVersion: 'v1',
            kind: 'PersistentVolume',
            metadata: { name: storageClass },
            spec: {
              storageClassName: storageClass,
              capacity: { storage: '1Gi' },
              accessModes: ['ReadWriteOnce'],
              persistentVolumeReclaimPolicy: 'Retain',
              hostPath: { path: `/tmp/${storageClass}` },
            },
          },
        ],
      }),
    );
  });

  afterAll(async () => {
    if (!storageClass) return;
    await helm(['uninstall', release]).catch(() => undefined);
    await kubectl(['-n', cluster.namespace, 'delete', 'pvc', '--all', '--wait=false']).catch(
      () => undefined,
    );
    await kubectl(['delete', 'pv', storageClass, '--wait=false']).catch(() => undefined);
    await kubectl(['delete', 'storageclass', storageClass, '--wait=false']).catch(() => undefined);
  });

  const dryRun = async (values: SetValues) => {
    const rendered = helmSync([
      'template',
      release,
      chartDir,
      '--namespace',
      cluster.namespace,
      ...setArgs(values),
    ]);
    expect(rendered.status, rendered.stderr).toBe(0);
    const out = await kubectl(
      ['-n', cluster.namespace, 'apply', '--dry-run=server', '-f', '-'],
      rendered.stdout,
    );
    // One line per object: every rendered object was accepted.
    const objects = rendered.stdout.split(/^---$/m).filter((d) => /^kind:/m.test(d)).length;
    expect(out.trim().split('\n')).toHaveLength(objects);
    return out;
  };

  it('has every rendered object accepted by the API server (dry-run=server)', async () => {
    await dryRun(requiredSecrets);
    await dryRun({
      'postgresql.enabled': false,
      'secrets.databaseUrl': 'postgresql://app:pw@ep-x.neon.tech/todo?sslmode=require',
      'secrets.jwtSecret': 'j',
      'secrets.openaiApiKey': 'k',
    });
    await dryRun({
      'secrets.existingSecret': 'todo-app-secrets',
      'backend.autoscaling.enabled': true,
      'frontend.autoscaling.enabled': true,
      'networkPolicy.enabled': true,
      'podDisruptionBudget.enabled': true,
      'serviceAccount.create': true,
      'ingress.tls.enabled': true,
      'ingress.tls.secretName': 'todo-tls',
      'ops.enabled': true,
    });
  });

  describeWithEnv('with the real kagent CRDs', kagentCrdsMissing(), () => {
    it('has the kagent objects accepted once the CRDs are installed', async () => {
      // The Agent CRD is larger than client-side apply's annotation limit: apply
      // server-side. CRDs are cluster-scoped and left installed (idempotent for others).
      for (const file of crdFiles()) {
        await kubectl(['apply', '--server-side', '--force-conflicts', '-f', file]);
      }
      await kubectl([
        'wait',
        '--for=condition=Established',
        '--timeout=60s',
        'crd/agents.kagent.dev',
        'crd/modelconfigs.kagent.dev',
        'crd/remotemcpservers.kagent.dev',
      ]);
      const out = await dryRun({
        'secrets.existingSecret': 'todo-app-secrets',
        'ops.enabled': true,
        'ops.kagent.enabled': true,
        'networkPolicy.enabled': true,
      });
      for (const object of [
        'agent.kagent.dev/todo-app-ops',
        'remotemcpserver.kagent.dev/todo-app-ops',
        'modelconfig.kagent.dev/todo-app-model',
      ]) {
        expect(out).toContain(`${object} created (server dry run)`);
      }
    });
  });

  // The ops ServiceAccount's permissions are checked, exactly, by ops-server.test.ts.

  it('installs: Deployments Available, StatefulSet Ready, Services with endpoints, Ingress routes', async () => {
    await install();
    await waitForInstall();
    for (const [service, count] of [
      ['todo-app-backend', 2],
      ['todo-app-frontend', 2],
      ['todo-app-postgresql', 1],
    ] as const) {
      await waitFor(async () => (await readyAddresses(service)) === count, {
        timeoutMs: 60_000,
        what: `${count} ready endpoints behind Service ${service}`,
      });
    }
    const ingress = await getJson(['ingress', 'todo-app']);
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.rules[0].host).toBe('todo.local');
    const paths = Object.fromEntries(
      (ingress.spec.rules[0].http.paths as Manifest[]).map((p) => [p.path, p.backend.service.name]),
    );
    expect(paths).toEqual({ '/api': 'todo-app-backend', '/': 'todo-app-frontend' });
    const pvc = await getJson(['pvc', 'data-todo-app-postgresql-0']);
    expect(pvc.status.phase).toBe('Bound');
  });

  it('scales the backend to 3 ready pods with helm upgrade --reuse-values, and back to 2', async () => {
    await helm(['upgrade', release, chartDir, '--reuse-values', '--set', 'backend.replicas=3']);
    await waitForReadyPods(cluster, selector('backend'), 3);
    await waitFor(() => deploymentAvailable('todo-app-backend', 3), {
      what: 'backend 3/3 available',
    });
    await helm(['upgrade', release, chartDir, '--reuse-values', '--set', 'backend.replicas=2']);
    await waitForReadyPods(cluster, selector('backend'), 2);
    await waitFor(() => deploymentAvailable('todo-app-backend', 2), {
      what: 'backend 2/2 available',
    });
    // The secrets passed at install survived --reuse-values.
    const values = JSON.parse(await helm(['get', 'values', release, '-o', 'json']));
    expect(values.secrets.jwtSecret).toBe(requiredSecrets['secrets.jwtSecret']);
  });

  it('rolls the app pods to a new ReplicaSet when the config changes', async () => {
    const before = await getJson(['deployment', 'todo-app-backend']);
    const oldChecksum = before.spec.template.metadata.annotations['checksum/config'];
    const oldPods = new Set(
      (await listPods(cluster, selector('backend'))).map((p) => p.metadata?.name),
    );
    await helm(['upgrade', release, chartDir, '--reuse-values', '--set', 'config.logLevel=debug']);
    const after = await getJson(['deployment', 'todo-app-backend']);
    expect(after.spec.template.metadata.annotations['checksum/config']).not.toBe(oldChecksum);
    const cm = await getJson(['configmap', 'todo-app']);
    expect(cm.data.LOG_LEVEL).toBe('debug');
    const pods = await waitFor(
      async () => {
        const current = await listPods(cluster, selector('backend'));
        return current.length === 2 &&
          current.every((p) => isPodReady(p) && !oldPods.has(p.metadata?.name))
          ? current
          : false;
      },
      { timeoutMs: 120_000, what: 'backend pods replaced by the rollout' },
    );
    const hashes = new Set(pods.map((p) => p.metadata?.labels?.['pod-template-hash']));
    expect(hashes.size).toBe(1);
    const replicaSets = await getJson(['replicasets', '-l', selector('backend')]);
    expect((replicaSets.items as Manifest[]).length).toBeGreaterThanOrEqual(2);
    await waitFor(() => deploymentAvailable('todo-app-backend', 2), { what: 'rollout complete' });
  });

  it('uninstalls leaving only the PVC, which a reinstall binds again', async () => {
    const pvcBefore = await getJson(['pvc', 'data-todo-app-postgresql-0']);
    await helm(['uninstall', release]);
    const left = await waitFor(
      async () => {
        const all = await getJson([
          'deployments,statefulsets,replicasets,pods,services,configmaps,secrets,ingresses,persistentvolumeclaims',
        ]);
        const items = (all.items as Manifest[]).filter(
          (o) => !(o.kind === 'ConfigMap' && o.metadata.name === 'kube-root-ca.crt'),
        );
        return items.every((o) => o.kind === 'PersistentVolumeClaim') ? items : false;
      },
      { timeoutMs: 120_000, what: 'everything but the PVC to be deleted' },
    );
    expect(left.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'PersistentVolumeClaim/data-todo-app-postgresql-0',
    ]);

    await install();
    await waitForInstall();
    const pvcAfter = await getJson(['pvc', 'data-todo-app-postgresql-0']);
    expect(pvcAfter.metadata.uid).toBe(pvcBefore.metadata.uid);
    expect(pvcAfter.status.phase).toBe('Bound');
    expect(pvcAfter.spec.volumeName).toBe(storageClass);
    const [db] = await waitForReadyPods(cluster, selector('database'), 1);
    const claim = (db?.spec?.volumes ?? []).find((v) => v.name === 'data')?.persistentVolumeClaim;
    expect(claim?.claimName).toBe('data-todo-app-postgresql-0');
  });
});
