import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../tools/contract.js';
import { diagnoseTool } from '../../tools/diagnose.js';
import { formatResult, table } from '../../tools/result-format.js';
import { scaleTool } from '../../tools/scale.js';
import { statusTool } from '../../tools/status.js';

const pod = (name: string, restarts: number, age: string) => ({
  name,
  component: 'backend',
  ready: '1/1',
  status: 'Running',
  restarts,
  age,
  node: 'node-1',
});

describe('formatResult', () => {
  it("renders the tool's view: pods as an aligned table under the summary", () => {
    const text = formatResult(
      scaleTool,
      ok('backend 2 -> 3 replicas: 3/3 ready in 11 s', {
        component: 'backend' as const,
        from: 2,
        to: 3,
        ready: 3,
        revision: 4,
        command: 'helm upgrade todo-app --reuse-values --set backend.replicas=3',
        pods: [
          pod('todo-app-backend-6c9f8-2xk4q', 0, '14m'),
          pod('todo-app-backend-6c9f8-tw2lm', 12, '9s'),
        ],
      }),
    );
    expect(text.split('\n')).toEqual([
      '✓ scale: backend 2 -> 3 replicas: 3/3 ready in 11 s',
      '  POD                           READY  STATUS   RESTARTS  AGE',
      '  todo-app-backend-6c9f8-2xk4q  1/1    Running  0         14m',
      '  todo-app-backend-6c9f8-tw2lm  1/1    Running  12        9s',
    ]);
  });

  it('renders a failure with its hint, and findings with evidence and fix', () => {
    expect(
      formatResult(
        statusTool,
        fail('unreachable', 'cannot reach the API server', 'start the cluster'),
      ),
    ).toBe('✗ status failed: cannot reach the API server\n  hint: start the cluster');
    const text = formatResult(
      diagnoseTool,
      ok('1 problem', {
        findings: [
          {
            class: 'CrashLoopBackOff' as const,
            severity: 'critical' as const,
            resource: 'pod/x',
            title: 'keeps crashing',
            evidence: ['log: boom'],
            fix: 'fix it',
          },
        ],
        checked: { pods: 1, services: 0, ingresses: 0, release: 'deployed revision 1' },
      }),
    );
    expect(text).toContain(
      '✗ CrashLoopBackOff  pod/x  [critical]  keeps crashing\n      log: boom\n      fix: fix it',
    );
  });

  it('shows the data of a tool without a view as JSON rather than hide it', () => {
    const text = formatResult({ name: 'probe' }, ok('answered', { answer: 42 }));
    expect(text).toBe('✓ probe: answered\n  {\n    "answer": 42\n  }');
  });

  it('aligns columns by the widest cell', () => {
    expect(
      table(
        ['A', 'B'],
        [
          ['long-value', 1],
          ['x', 22],
        ],
      ),
    ).toBe('A           B\nlong-value  1\nx           22');
  });
});
