import type { V1Pod, V1PodSpec, V1PodStatus } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../tools/diagnose/index.js';
import { minutesAgo, NOW, pod, state } from './fixtures.js';

const backendService = {
  metadata: { name: 'todo-app-backend', labels: { 'app.kubernetes.io/component': 'backend' } },
  spec: {
    type: 'ClusterIP',
    selector: {
      'app.kubernetes.io/instance': 'todo-app',
      'app.kubernetes.io/component': 'backend',
    },
    ports: [{ port: 8000 }],
  },
};
const slice = (ready: boolean) => ({
  metadata: {
    name: 'todo-app-backend-x1',
    labels: { 'kubernetes.io/service-name': 'todo-app-backend' },
  },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.0.0.5'], conditions: { ready } }],
});
const healthyIngress = {
  metadata: { name: 'todo-app' },
  spec: { ingressClassName: 'nginx', rules: [{ host: 'todo.local' }] },
  status: { loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } },
};

describe('diagnose analyzers', () => {
  it('finds nothing wrong with a healthy release', () => {
    const findings = analyze(
      state({
        pods: [
          pod('todo-app-backend-6c9f8-2xk4q', 'backend'),
          pod('todo-app-frontend-5d7b9-8fj2c', 'frontend'),
        ],
        services: [backendService],
        endpointSlices: [slice(true)],
        ingresses: [healthyIngress],
        ingressClasses: [{ metadata: { name: 'nginx' }, spec: {} }],
        logs: { 'todo-app-backend-6c9f8-2xk4q': '{"level":30,"msg":"listening on :8000"}\n' },
      }),
      NOW,
    );
    expect(findings).toEqual([]);
  });

  it('reports CrashLoopBackOff with the restarts and the last log lines', () => {
    const crashing = pod('todo-app-frontend-5d7b9-8fj2c', 'frontend', {
      ready: false,
      restartCount: 5,
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: 'back-off 2m40s restarting failed container=frontend',
        },
      },
      lastState: {
        terminated: {
          exitCode: 1,
          reason: 'Error',
          startedAt: minutesAgo(1),
          finishedAt: minutesAgo(1),
        },
      },
    });
    const [finding] = analyze(
      state({
        pods: [crashing],
        logs: {
          'todo-app-frontend-5d7b9-8fj2c': 'starting\nError: BACKEND_URL must be an http(s) URL\n',
        },
      }),
      NOW,
    );
    expect(finding).toMatchObject({
      class: 'CrashLoopBackOff',
      severity: 'critical',
      component: 'frontend',
      resource: 'pod/todo-app-frontend-5d7b9-8fj2c',
    });
    expect(finding?.evidence.join('\n')).toContain('5 restarts');
    expect(finding?.evidence.join('\n')).toContain(
      'log: Error: BACKEND_URL must be an http(s) URL',
    );
  });

  it('reports an image Minikube does not have, with the build command', () => {
    const p = pod('todo-app-backend-1', 'backend', {
      ready: false,
      state: {
        waiting: {
          reason: 'ErrImageNeverPull',
          message:
            'Container image "todo-backend:3f9c2a1b7d04" is not present with pull policy of Never',
        },
      },
    });
    const [finding] = analyze(state({ pods: [p] }), NOW);
    expect(finding).toMatchObject({ class: 'ImagePull', severity: 'critical' });
    expect(finding?.fix).toContain('todo-ops build-images backend');
  });

  it('reports ImagePullBackOff of a registry image as a name/registry problem', () => {
    const p = pod('todo-app-backend-1', 'backend', {
      ready: false,
      state: {
        waiting: {
          reason: 'ImagePullBackOff',
          message: 'Back-off pulling image "ghcr.io/acme/todo-backend:nope"',
        },
      },
    });
    (p.spec as V1PodSpec).containers = [
      { name: 'backend', image: 'ghcr.io/acme/todo-backend:nope' },
    ];
    const [finding] = analyze(state({ pods: [p] }), NOW);
    expect(finding?.title).toBe('ImagePullBackOff: ghcr.io/acme/todo-backend:nope');
    expect(finding?.fix).toContain('image name and tag');
  });

  it('reports OOMKilled with the memory limit', () => {
    const p = pod('todo-app-backend-1', 'backend', {
      restartCount: 2,
      lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
    });
    const [finding] = analyze(state({ pods: [p] }), NOW);
    expect(finding).toMatchObject({ class: 'OOMKilled', severity: 'error' });
    expect(finding?.evidence.join(' ')).toContain('memory limit 256Mi');
  });

  it('reports Pending for insufficient CPU and for an unbound PVC', () => {
    const unschedulable: V1Pod = pod('todo-app-backend-1', 'backend', {}, {});
    (unschedulable.spec as V1PodSpec).nodeName = undefined;
    unschedulable.status = {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message:
            '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
        },
      ],
    };
    const db: V1Pod = pod('todo-app-postgresql-0', 'postgresql');
    (db.spec as V1PodSpec).nodeName = undefined;
    (db.spec as V1PodSpec).volumes = [
      { name: 'data', persistentVolumeClaim: { claimName: 'data-todo-app-postgresql-0' } },
    ];
    db.status = {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: '0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
        },
      ],
    };
    const findings = analyze(
      state({
        pods: [unschedulable, db],
        pvcs: [
          {
            metadata: { name: 'data-todo-app-postgresql-0' },
            spec: { storageClassName: 'standard' },
            status: { phase: 'Pending' },
          },
        ],
      }),
      NOW,
    );
    expect(findings.map((f) => [f.class, f.resource, f.title])).toEqual([
      ['Pending', 'pod/todo-app-backend-1', 'Pending: not enough cpu on any node'],
      ['Pending', 'pod/todo-app-postgresql-0', 'Pending: its PersistentVolumeClaim is not bound'],
    ]);
  });

  it('reports readiness failing with the probe events, but not during start-up grace', () => {
    const p = pod('todo-app-backend-1', 'backend', { ready: false });
    const events = [
      {
        metadata: { name: 'e1' },
        involvedObject: { kind: 'Pod', name: 'todo-app-backend-1' },
        reason: 'Unhealthy',
        type: 'Warning',
        message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
        count: 12,
        lastTimestamp: minutesAgo(1),
      },
    ];
    const [finding] = analyze(state({ pods: [p], events }), NOW);
    expect(finding).toMatchObject({ class: 'ReadinessFailing', component: 'backend' });
    expect(finding?.evidence.join(' ')).toContain('statuscode: 503');
    const young = pod('todo-app-backend-2', 'backend', { ready: false });
    (young.status as V1PodStatus).startTime = new Date(NOW.getTime() - 5_000);
    expect(analyze(state({ pods: [young] }), NOW)).toEqual([]);
  });

  it('names the missing Secret key of CreateContainerConfigError', () => {
    const p = pod('todo-app-backend-1', 'backend', {
      ready: false,
      state: {
        waiting: {
          reason: 'CreateContainerConfigError',
          message: "couldn't find key JWT_SECRET in Secret todo/todo-app",
        },
      },
    });
    const [finding] = analyze(state({ pods: [p] }), NOW);
    expect(finding).toMatchObject({
      class: 'CreateContainerConfigError',
      title: 'Secret todo-app has no key JWT_SECRET',
    });
    const q = pod('todo-app-backend-2', 'backend', {
      ready: false,
      state: {
        waiting: { reason: 'CreateContainerConfigError', message: 'secret "my-secrets" not found' },
      },
    });
    expect(analyze(state({ pods: [q] }), NOW)[0]?.title).toBe('secret my-secrets does not exist');
  });

  it('spots a Service selector that matches no pod and says which label differs', () => {
    const svc = {
      ...backendService,
      spec: {
        ...backendService.spec,
        selector: {
          'app.kubernetes.io/instance': 'todo-app',
          'app.kubernetes.io/component': 'api',
        },
      },
    };
    const findings = analyze(
      state({ pods: [pod('todo-app-backend-1', 'backend')], services: [svc] }),
      NOW,
    );
    expect(findings[0]).toMatchObject({
      class: 'ServiceWithoutEndpoints',
      severity: 'critical',
      title: 'selector matches none of the pods (label mismatch)',
    });
    expect(findings[0]?.evidence.join(' ')).toContain('service wants "api", pod has "backend"');
  });

  it('reports an Ingress without address and a missing ingress class', () => {
    const ing = { ...healthyIngress, status: { loadBalancer: {} } };
    const [finding] = analyze(state({ ingresses: [ing], ingressClasses: [] }), NOW);
    expect(finding).toMatchObject({
      class: 'IngressWithoutAddress',
      title: 'no ingress controller: IngressClass "nginx" does not exist',
    });
    expect(finding?.fix).toContain('minikube addons enable ingress');
  });

  it('reports a Deployment past its progress deadline', () => {
    const deployment = {
      metadata: {
        name: 'todo-app-backend',
        generation: 2,
        labels: { 'app.kubernetes.io/component': 'backend' },
      },
      spec: { replicas: 2, progressDeadlineSeconds: 600, selector: {}, template: {} },
      status: {
        replicas: 3,
        updatedReplicas: 1,
        readyReplicas: 2,
        conditions: [
          { type: 'Available', status: 'True' },
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet "todo-app-backend-7d4b" has timed out progressing.',
          },
        ],
      },
    };
    const [finding] = analyze(state({ deployments: [deployment as never] }), NOW);
    expect(finding).toMatchObject({
      class: 'ProgressDeadlineExceeded',
      resource: 'deployment/todo-app-backend',
    });
  });

  it('reads an unreachable database from backend logs', () => {
    const p = pod('todo-app-backend-1', 'backend');
    const findings = analyze(
      state({
        pods: [p],
        logs: {
          'todo-app-backend-1':
            '{"level":50,"msg":"database check failed","err":"connect ECONNREFUSED 10.96.12.7:5432"}\n',
        },
      }),
      NOW,
    );
    expect(findings[0]).toMatchObject({
      class: 'DatabaseUnreachable',
      severity: 'critical',
      title: 'the backend cannot reach PostgreSQL',
    });
  });

  it('reports a release stuck pending and a failed upgrade that was rolled back', () => {
    const stuck = analyze(
      state({
        helm: {
          name: 'todo-app',
          namespace: 'todo',
          revision: 3,
          status: 'pending-upgrade',
          description: 'Preparing upgrade',
        },
      }),
      NOW,
    );
    expect(stuck[0]).toMatchObject({ class: 'HelmReleaseFailed', severity: 'critical' });
    const rolledBack = analyze(
      state({
        helm: {
          name: 'todo-app',
          namespace: 'todo',
          revision: 3,
          status: 'deployed',
          description: 'Rollback to 1',
        },
        history: [
          {
            revision: 1,
            updated: '',
            status: 'superseded',
            chart: 'todo-app-0.1.0',
            appVersion: '',
            description: 'Install complete',
          },
          {
            revision: 2,
            updated: '',
            status: 'failed',
            chart: 'todo-app-0.1.0',
            appVersion: '',
            description: 'Upgrade "todo-app" failed: context deadline exceeded',
          },
          {
            revision: 3,
            updated: '',
            status: 'deployed',
            chart: 'todo-app-0.1.0',
            appVersion: '',
            description: 'Rollback to 1',
          },
        ],
      }),
      NOW,
    );
    expect(rolledBack[0]).toMatchObject({
      class: 'HelmReleaseFailed',
      severity: 'warning',
      title: 'revision 2 failed and was rolled back',
    });
  });

  it('orders findings by severity and filters by component', () => {
    const findings = analyze(
      state({
        pods: [
          pod('todo-app-backend-1', 'backend', {
            restartCount: 1,
            lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
          }),
          pod('todo-app-frontend-1', 'frontend', {
            ready: false,
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
          }),
        ],
      }),
      NOW,
    );
    expect(findings.map((f) => f.severity)).toEqual(['critical', 'error']);
    expect(
      analyze(
        state({
          pods: [
            pod('todo-app-frontend-1', 'frontend', {
              ready: false,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
            }),
          ],
        }),
        NOW,
        'backend',
      ),
    ).toEqual([]);
  });
});
