/**
 * Proof that the test cluster behaves like Kubernetes for what todo-ops relies on:
 * Deployments roll out to Running+Ready pods, the scale subresource works, the log API
 * answers, and fault Stages put pods into the states the diagnose engine must recognise.
 */
import { PatchStrategy, setHeaderOptions, type V1Deployment } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  clusterMissing,
  FAULT_ANNOTATION,
  FAULT_MESSAGE_ANNOTATION,
  FAULT_REASON_ANNOTATION,
  FAULT_RESTARTS_ANNOTATION,
  listPods,
  setPodLogs,
  type TestCluster,
  useTestNamespace,
  waitFor,
  waitForReadyPods,
} from '../support/cluster.js';
import { describeWithEnv } from '../support/env.js';

function deployment(
  name: string,
  replicas: number,
  annotations: Record<string, string> = {},
): V1Deployment {
  return {
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, annotations },
        spec: {
          containers: [
            {
              name: 'main',
              image: 'todo-ops/proof:1',
              resources: { requests: { cpu: '100m', memory: '64Mi' } },
            },
          ],
        },
      },
    },
  };
}

async function create(cluster: TestCluster, body: V1Deployment): Promise<void> {
  await cluster.apps.createNamespacedDeployment({ namespace: cluster.namespace, body });
}

describeWithEnv('test cluster (real API server, kwok nodes)', clusterMissing(), () => {
  const cluster = useTestNamespace('proof');

  it('has two Ready kwok nodes with realistic allocatable resources', async () => {
    // The real node (test/support/real-node.ts) has the machine's own size and a taint.
    const nodes = await cluster.core.listNode({ labelSelector: 'type=kwok' });
    const ready = nodes.items.filter((n) =>
      n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    );
    expect(ready.length).toBe(2);
    for (const node of ready) {
      expect(node.status?.allocatable?.cpu).toBe('4');
      expect(node.status?.allocatable?.memory).toBe('8Gi');
    }
  });

  it('rolls a 2-replica Deployment out, scales it to 3 through the scale subresource', async () => {
    await create(cluster, deployment('web', 2));
    const two = await waitForReadyPods(cluster, 'app=web', 2);
    expect(two.every((p) => p.status?.podIP)).toBe(true);

    const current = await cluster.apps.readNamespacedDeploymentScale({
      name: 'web',
      namespace: cluster.namespace,
    });
    expect(current.spec?.replicas).toBe(2);
    const scaled = await cluster.apps.patchNamespacedDeploymentScale(
      { name: 'web', namespace: cluster.namespace, body: { spec: { replicas: 3 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(scaled.spec?.replicas).toBe(3);
    await waitForReadyPods(cluster, 'app=web', 3);
    const status = await waitFor(
      async () => {
        const d = await cluster.apps.readNamespacedDeployment({
          name: 'web',
          namespace: cluster.namespace,
        });
        return d.status?.readyReplicas === 3 ? d.status : false;
      },
      { what: 'deployment web readyReplicas=3' },
    );
    expect(status.availableReplicas).toBe(3);
  });

  it("reads a pod's log through the log API", async () => {
    await create(cluster, deployment('logger', 1));
    const [pod] = await waitForReadyPods(cluster, 'app=logger', 1);
    const name = pod?.metadata?.name ?? '';
    await setPodLogs(cluster, name, ['listening on :8000', 'GET /health 200'], ['boom: exit 1']);
    const log = await waitFor(
      async () => {
        const text = await cluster.core.readNamespacedPodLog({
          name,
          namespace: cluster.namespace,
        });
        return text.includes('GET /health 200') ? text : false;
      },
      { what: 'pod log served by kwok' },
    );
    expect(log).toContain('listening on :8000');
    const previous = await cluster.core.readNamespacedPodLog({
      name,
      namespace: cluster.namespace,
      previous: true,
    });
    expect(previous).toContain('boom: exit 1');
  });

  it('a not-ready fault leaves the pod Running but not Ready, with an Unhealthy event', async () => {
    await create(cluster, deployment('sick', 1, { [FAULT_ANNOTATION]: 'not-ready' }));
    const pod = await waitFor(
      async () => {
        const [p] = await listPods(cluster, 'app=sick');
        return p?.status?.phase === 'Running' ? p : false;
      },
      { what: 'sick pod Running' },
    );
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
    expect(ready?.status).toBe('False');
    expect(pod.status?.containerStatuses?.[0]?.ready).toBe(false);
    const events = await waitFor(
      async () => {
        const list = await cluster.core.listNamespacedEvent({
          namespace: cluster.namespace,
          fieldSelector: `involvedObject.name=${pod.metadata?.name}`,
        });
        return list.items.some((e) => e.reason === 'Unhealthy') ? list.items : false;
      },
      { what: 'Unhealthy event' },
    );
    expect(events.find((e) => e.reason === 'Unhealthy')?.type).toBe('Warning');
    const d = await cluster.apps.readNamespacedDeployment({
      name: 'sick',
      namespace: cluster.namespace,
    });
    expect(d.status?.readyReplicas ?? 0).toBe(0);
  });

  it('a crashloop fault shows CrashLoopBackOff with restarts and the last termination', async () => {
    await create(
      cluster,
      deployment('crashy', 1, {
        [FAULT_ANNOTATION]: 'crashloop',
        [FAULT_REASON_ANNOTATION]: 'OOMKilled',
        [FAULT_RESTARTS_ANNOTATION]: '7',
      }),
    );
    const status = await waitFor(
      async () => {
        const [p] = await listPods(cluster, 'app=crashy');
        const cs = p?.status?.containerStatuses?.[0];
        return cs?.state?.waiting ? cs : false;
      },
      { what: 'crashy container waiting' },
    );
    expect(status.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(status.restartCount).toBe(7);
    expect(status.lastState?.terminated?.reason).toBe('OOMKilled');
    expect(status.lastState?.terminated?.exitCode).toBe(137);
  });

  it('a waiting fault shows the given reason and message (e.g. ImagePullBackOff)', async () => {
    await create(
      cluster,
      deployment('nopull', 1, {
        [FAULT_ANNOTATION]: 'waiting',
        [FAULT_REASON_ANNOTATION]: 'ErrImageNeverPull',
        [FAULT_MESSAGE_ANNOTATION]: 'Container image "todo-ops/proof:1" is not present',
      }),
    );
    const status = await waitFor(
      async () => {
        const [p] = await listPods(cluster, 'app=nopull');
        return p?.status?.containerStatuses?.[0]?.state?.waiting;
      },
      { what: 'nopull container waiting' },
    );
    expect(status.reason).toBe('ErrImageNeverPull');
    expect(status.message).toContain('is not present');
  });

  it('a failed fault puts the pod in phase Failed', async () => {
    await create(cluster, deployment('doomed', 1, { [FAULT_ANNOTATION]: 'failed' }));
    const pod = await waitFor(
      async () => {
        const pods = await listPods(cluster, 'app=doomed');
        return pods.find((p) => p.status?.phase === 'Failed');
      },
      { what: 'doomed pod Failed' },
    );
    expect(pod.status?.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(1);
  });

  it('requests larger than any node leave the pod Pending as unschedulable', async () => {
    const big = deployment('huge', 1);
    const container = big.spec?.template.spec?.containers[0];
    if (container) container.resources = { requests: { cpu: '64', memory: '1Ti' } };
    await create(cluster, big);
    const pod = await waitFor(
      async () => {
        const [p] = await listPods(cluster, 'app=huge');
        const cond = p?.status?.conditions?.find((c) => c.type === 'PodScheduled');
        return cond?.status === 'False' ? p : false;
      },
      { what: 'huge pod unschedulable' },
    );
    expect(pod.status?.phase).toBe('Pending');
    const cond = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    expect(cond?.reason).toBe('Unschedulable');
    expect(cond?.message).toMatch(/Insufficient (cpu|memory)/);
  });
});

describe('cluster helpers', () => {
  it('waitFor fails with what it waited for', async () => {
    await expect(waitFor(async () => false, { timeoutMs: 50, what: 'nothing' })).rejects.toThrow(
      /waiting for nothing/,
    );
  });
});
