/** The rollout verdict: when waiting is still worth it, and when a cause will not clear. */
import type {
  CoreV1Event,
  V1Deployment,
  V1Node,
  V1PersistentVolumeClaim,
  V1Pod,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { ReleaseState } from '../../tools/cluster-state.js';
import { analyze } from '../../tools/diagnose/index.js';
import {
  judgeRollout,
  parseQuantity,
  UNSCHEDULABLE_GRACE_MS,
  workloadRollout,
} from '../../tools/rollout.js';
import { NOW, pod, state } from './diagnose/fixtures.js';

const REVISION = 'deployment.kubernetes.io/revision';

/** A Deployment at `revision` with `ready` of `replicas` rolled out (observed unless told). */
function deployment(
  component: string,
  revision: string,
  ready: number,
  replicas = 2,
  observed = true,
): V1Deployment {
  return {
    metadata: {
      name: `todo-app-${component}`,
      generation: 2,
      annotations: { [REVISION]: revision },
      labels: { 'app.kubernetes.io/component': component },
    },
    spec: { replicas, selector: {}, template: {} },
    status: {
      observedGeneration: observed ? 2 : 1,
      replicas: ready === replicas ? replicas : replicas + 1,
      updatedReplicas: ready,
      readyReplicas: ready,
      availableReplicas: ready,
    },
  };
}

const replicaSet = (component: string, hash: string, revision: string): V1ReplicaSet => ({
  metadata: {
    name: `todo-app-${component}-${hash}`,
    annotations: { [REVISION]: revision },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: `todo-app-${component}`,
        uid: component,
        controller: true,
      },
    ],
  },
});

/** A pod of ReplicaSet `todo-app-<component>-<hash>`. */
function rsPod(
  name: string,
  component: string,
  hash: string,
  status: Parameters<typeof pod>[2] = {},
  extra: Partial<V1Pod> = {},
): V1Pod {
  const p = pod(name, component, status, extra);
  p.metadata = {
    ...p.metadata,
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: `todo-app-${component}-${hash}`,
        uid: hash,
        controller: true,
      },
    ],
  };
  return p;
}

const pullBackOff = {
  ready: false,
  state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } },
};

/** A backend mid-upgrade: revision 1 (hash old) ready, revision 2 (hash new) per `fresh`. */
function upgrading(fresh: V1Pod[], extra: Partial<ReleaseState> = {}): ReleaseState {
  return state({
    deployments: [deployment('backend', '2', 0)],
    replicaSets: [replicaSet('backend', 'old', '1'), replicaSet('backend', 'new', '2')],
    pods: [rsPod('todo-app-backend-old-1', 'backend', 'old'), ...fresh],
    ...extra,
  });
}

const verdict = (s: ReleaseState, now = NOW) => judgeRollout(s, analyze(s, now), now);

describe('judgeRollout', () => {
  it('is ready once every workload runs the new template with every replica ready', () => {
    const s = state({
      deployments: [deployment('backend', '2', 2), deployment('frontend', '1', 2)],
      pods: [pod('b1', 'backend'), pod('b2', 'backend')],
    });
    expect(verdict(s).state).toBe('ready');
  });

  it('keeps waiting while new pods start', () => {
    const s = upgrading([
      rsPod('todo-app-backend-new-1', 'backend', 'new', {
        ready: false,
        state: { waiting: { reason: 'ContainerCreating' } },
      }),
    ]);
    expect(verdict(s)).toMatchObject({ state: 'progressing', blocking: [] });
  });

  it('stops on an image the new pods cannot pull, naming it', () => {
    const s = upgrading([rsPod('todo-app-backend-new-1', 'backend', 'new', pullBackOff)]);
    const v = verdict(s);
    expect(v.state).toBe('stuck');
    expect(v.blocking.map((f) => [f.class, f.resource])).toEqual([
      ['ImagePull', 'pod/todo-app-backend-new-1'],
    ]);
  });

  it('never stops on old pods the change replaces (a broken revision being fixed)', () => {
    const s = state({
      deployments: [deployment('backend', '2', 0)],
      replicaSets: [replicaSet('backend', 'old', '1'), replicaSet('backend', 'new', '2')],
      pods: [
        rsPod('todo-app-backend-old-1', 'backend', 'old', pullBackOff),
        rsPod('todo-app-backend-new-1', 'backend', 'new', { ready: false }),
      ],
    });
    const v = verdict(s);
    expect(v.findings.map((f) => f.class)).toContain('ImagePull');
    expect(v.state).toBe('progressing');
  });

  it('does not judge pods before their Deployment has seen the change', () => {
    const s = upgrading([], {
      deployments: [deployment('backend', '1', 2, 2, false)],
      replicaSets: [replicaSet('backend', 'old', '1')],
      pods: [rsPod('todo-app-backend-old-1', 'backend', 'old', pullBackOff)],
    });
    expect(verdict(s).state).toBe('progressing');
  });

  it('waits out a first pull error that may be transient, not one naming a missing image', () => {
    const pulling = (message: string) =>
      upgrading([
        rsPod('todo-app-backend-new-1', 'backend', 'new', {
          ready: false,
          state: { waiting: { reason: 'ErrImagePull', message } },
        }),
      ]);
    expect(verdict(pulling('dial tcp 10.0.0.9:443: i/o timeout')).state).toBe('progressing');
    expect(
      verdict(pulling('failed to resolve reference "todo-backend:nope": not found')).state,
    ).toBe('stuck');
  });

  it('stops on a crash loop and on a missing Secret of the new pods', () => {
    const crash = upgrading([
      rsPod('todo-app-backend-new-1', 'backend', 'new', {
        ready: false,
        restartCount: 2,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 20s' } },
      }),
    ]);
    expect(verdict(crash).blocking[0]?.class).toBe('CrashLoopBackOff');
    const secret = upgrading([
      rsPod('todo-app-backend-new-1', 'backend', 'new', {
        ready: false,
        state: {
          waiting: {
            reason: 'CreateContainerConfigError',
            message: 'secret "todo-app" not found',
          },
        },
      }),
    ]);
    expect(verdict(secret).blocking[0]?.class).toBe('CreateContainerConfigError');
  });

  it('stops when the database refuses the password, not while it is still starting', () => {
    const running = rsPod('todo-app-backend-new-1', 'backend', 'new', { ready: false });
    const withLog = (line: string) =>
      upgrading([running], { logs: { 'todo-app-backend-new-1': `${line}\n` } });
    expect(
      verdict(
        withLog(
          '{"level":40,"reason":"password authentication failed for user \\"todo\\"","msg":"database unreachable; retrying migrations"}',
        ),
      ).blocking[0]?.class,
    ).toBe('DatabaseUnreachable');
    expect(verdict(withLog('connect ECONNREFUSED 10.0.0.12:5432 database unreachable')).state).toBe(
      'progressing',
    );
  });

  describe('pending pods', () => {
    const claimPod = (): V1Pod => {
      const p = pod('todo-app-postgresql-0', 'database', {
        ready: false,
        state: { waiting: { reason: 'ContainerCreating' } },
      });
      p.spec = {
        ...p.spec,
        containers: p.spec?.containers ?? [],
        nodeName: undefined,
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-todo-app-0' } }],
      };
      p.status = {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: 'pod has unbound immediate PersistentVolumeClaims',
            lastTransitionTime: NOW,
          },
        ],
      };
      return p;
    };
    const sts: V1StatefulSet = {
      metadata: { name: 'todo-app-postgresql', generation: 1 },
      spec: { replicas: 1, selector: {}, serviceName: 'x', template: {} },
      status: { observedGeneration: 1, replicas: 1, readyReplicas: 0, updatedReplicas: 1 },
    };
    const claim = (storageClassName?: string): V1PersistentVolumeClaim => ({
      metadata: { name: 'data-todo-app-0' },
      spec: storageClassName ? { storageClassName } : {},
      status: { phase: 'Pending' },
    });
    const classes = [{ metadata: { name: 'standard' }, provisioner: 'x' }];

    it('stops on a claim whose StorageClass does not exist', () => {
      const s = state({
        statefulSets: [sts],
        pods: [claimPod()],
        pvcs: [claim('does-not-exist')],
        storageClasses: classes,
      });
      expect(verdict(s).blocking[0]?.class).toBe('Pending');
    });

    it('stops on a claim without a class once the binder says nothing can bind it', () => {
      const event: CoreV1Event = {
        metadata: { name: 'e1' },
        involvedObject: { kind: 'PersistentVolumeClaim', name: 'data-todo-app-0' },
        reason: 'FailedBinding',
        message: 'no persistent volumes available for this claim and no storage class is set',
      };
      const waiting = state({
        statefulSets: [sts],
        pods: [claimPod()],
        pvcs: [claim()],
        storageClasses: [],
      });
      expect(verdict(waiting).state).toBe('progressing');
      expect(verdict({ ...waiting, events: [event] }).state).toBe('stuck');
    });

    it('waits for a claim whose StorageClass exists (its provisioner may be slow)', () => {
      const s = state({
        statefulSets: [sts],
        pods: [claimPod()],
        pvcs: [claim('standard')],
        storageClasses: classes,
      });
      expect(verdict(s).state).toBe('progressing');
    });

    const hungry = (cpu: string): V1Pod => {
      const p = claimPod();
      p.spec = {
        containers: [{ name: 'backend', resources: { requests: { cpu, memory: '128Mi' } } }],
      };
      p.status = {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/2 nodes are available: 2 Insufficient cpu.',
            lastTransitionTime: NOW,
          },
        ],
      };
      return p;
    };
    const nodes: V1Node[] = [
      { metadata: { name: 'n1' }, status: { allocatable: { cpu: '4', memory: '8Gi' } } },
    ];

    it('stops at once on a request no node can hold, and after a grace on one that might fit', () => {
      const backend = [deployment('backend', '2', 0)];
      const withRequest = (cpu: string) =>
        state({ deployments: backend, pods: [hungry(cpu)], nodes });
      expect(verdict(withRequest('64')).state).toBe('stuck');
      const later = new Date(NOW.getTime() + UNSCHEDULABLE_GRACE_MS);
      const soon = new Date(NOW.getTime() + 5_000);
      expect(verdict(withRequest('2'), soon).state).toBe('progressing');
      expect(verdict(withRequest('2'), later).state).toBe('stuck');
    });
  });
});

describe('workloadRollout', () => {
  it('counts a StatefulSet done when every replica is updated and ready', () => {
    const sts = (ready: number, updated: number): V1StatefulSet => ({
      metadata: { name: 'todo-app-postgresql', generation: 3 },
      spec: { replicas: 1, selector: {}, serviceName: 'x', template: {} },
      status: {
        observedGeneration: 3,
        replicas: 1,
        readyReplicas: ready,
        updatedReplicas: updated,
      },
    });
    expect(workloadRollout('StatefulSet', sts(1, 1)).done).toBe(true);
    expect(workloadRollout('StatefulSet', sts(1, 0)).done).toBe(false);
    expect(workloadRollout('StatefulSet', sts(0, 1)).done).toBe(false);
  });

  it('is not done while old pods remain or the change is unobserved', () => {
    expect(workloadRollout('Deployment', deployment('backend', '2', 2)).done).toBe(true);
    expect(workloadRollout('Deployment', deployment('backend', '2', 1)).done).toBe(false);
    expect(workloadRollout('Deployment', deployment('backend', '2', 2, 2, false)).done).toBe(false);
  });
});

describe('parseQuantity', () => {
  it('reads CPU and memory quantities', () => {
    expect(parseQuantity('250m')).toBeCloseTo(0.25);
    expect(parseQuantity('64')).toBe(64);
    expect(parseQuantity('128Mi')).toBe(128 * 2 ** 20);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity(undefined)).toBe(0);
    expect(parseQuantity('lots')).toBeNaN();
  });
});
