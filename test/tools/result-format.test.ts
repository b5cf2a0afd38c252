import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../tools/contract.js';
import { formatResult, table } from '../../tools/result-format.js';

describe('formatResult', () => {
  it('renders pods as an aligned table under the summary', () => {
    const text = formatResult(
      'scale',
      ok('backend 2 -> 3 replicas: 3/3 ready in 11 s', {
        pods: [
          {
            name: 'todo-app-backend-6c9f8-2xk4q',
            ready: '1/1',
            status: 'Running',
            restarts: 0,
            age: '14m',
          },
          {
            name: 'todo-app-backend-6c9f8-tw2lm',
            ready: '1/1',
            status: 'Running',
            restarts: 12,
            age: '9s',
          },
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
        'status',
        fail('unreachable', 'cannot reach the API server', 'start the cluster'),
      ),
    ).toBe('✗ status failed: cannot reach the API server\n  hint: start the cluster');
    const text = formatResult(
      'diagnose',
      ok('1 problem', {
        findings: [
          {
            class: 'CrashLoopBackOff',
            severity: 'critical',
            resource: 'pod/x',
            title: 'keeps crashing',
            evidence: ['log: boom'],
            fix: 'fix it',
          },
        ],
      }),
    );
    expect(text).toContain(
      '✗ CrashLoopBackOff  pod/x  [critical]  keeps crashing\n      log: boom\n      fix: fix it',
    );
  });

  it('redacts secrets that reach the text', () => {
    const text = formatResult(
      'logs',
      ok('1 line', {
        pods: [{ pod: 'p', previous: false, lines: ['DATABASE_URL=postgres://u:hunter22@db/x'] }],
      }),
    );
    expect(text).not.toContain('hunter22');
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
