import { describe, expect, it } from 'vitest';
import type { ExecOutcome } from '../../../tools/platform/exec.js';
import {
  classifyHelmFailure,
  createHelmClient,
  escapeSetValue,
  parseHelmHistory,
  parseHelmStatus,
  setArgs,
} from '../../../tools/platform/helm.js';

const outcome = (stderr: string, exitCode = 1): ExecOutcome => ({
  command: 'helm',
  args: ['upgrade'],
  exitCode,
  stdout: '',
  stderr,
  notFound: false,
  timedOut: false,
  cancelled: false,
});

describe('helm adapter pieces', () => {
  it('parses history and status JSON', () => {
    const history = parseHelmHistory(
      '[{"revision":1,"updated":"2026-11-27T10:01:02.123456789Z","status":"superseded","chart":"todo-app-0.1.0","app_version":"0.1.0","description":"Install complete"},{"revision":2,"updated":"2026-11-27T10:05:00Z","status":"deployed","chart":"todo-app-0.1.0","app_version":"0.1.0","description":"Upgrade complete"}]',
    );
    expect(history.map((h) => [h.revision, h.status, h.appVersion])).toEqual([
      [1, 'superseded', '0.1.0'],
      [2, 'deployed', '0.1.0'],
    ]);
    const status = parseHelmStatus(
      '{"name":"todo-app","info":{"first_deployed":"2026-11-27T10:01:02Z","last_deployed":"2026-11-27T10:05:00Z","deleted":"","description":"Upgrade complete","status":"deployed","notes":"open http://todo.local"},"chart":{"metadata":{"name":"todo-app","version":"0.1.0","appVersion":"0.1.0"}},"version":2,"namespace":"todo"}',
    );
    expect(status).toMatchObject({
      name: 'todo-app',
      namespace: 'todo',
      revision: 2,
      status: 'deployed',
      chart: 'todo-app-0.1.0',
    });
  });

  it('escapes --set values and rejects keys helm would misread', () => {
    expect(escapeSetValue('a,b\\c')).toBe('a\\,b\\\\c');
    expect(setArgs({ 'backend.replicas': 3 })).toEqual(['--set', 'backend.replicas=3']);
    expect(() => setArgs({ 'a=b': 'x' })).toThrow(/invalid values key/);
  });

  it('classifies helm failures with a hint', () => {
    expect(classifyHelmFailure(outcome('Error: release: not found'), 'helm status').kind).toBe(
      'not_found',
    );
    expect(
      classifyHelmFailure(
        outcome(
          'Error: Kubernetes cluster unreachable: Get "https://127.0.0.1:1/version": dial tcp 127.0.0.1:1: connect: connection refused',
        ),
        'x',
      ).kind,
    ).toBe('unreachable');
    expect(
      classifyHelmFailure(
        outcome(
          'Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress',
        ),
        'x',
      ).kind,
    ).toBe('conflict');
    expect(
      classifyHelmFailure(
        outcome(
          'Error: UPGRADE FAILED: resource not ready, name: todo-app-backend, kind: Deployment, status: InProgress\ncontext deadline exceeded',
        ),
        'x',
      ).kind,
    ).toBe('timeout');
    expect(
      classifyHelmFailure(
        outcome(
          'Error: UPGRADE FAILED: execution error at (todo-app/templates/secret.yaml:9:21): secrets.jwtSecret is required',
        ),
        'x',
      ).kind,
    ).toBe('invalid_input');
    expect(
      classifyHelmFailure(
        outcome(
          'Error: query: failed to query with labels: secrets is forbidden: User "system:serviceaccount:todo:nobody" cannot list resource "secrets"',
        ),
        'x',
      ).kind,
    ).toBe('forbidden');
    expect(
      classifyHelmFailure({ ...outcome(''), notFound: true, exitCode: undefined }, 'x').kind,
    ).toBe('missing_dependency');
  });

  it('asks for Helm 4 when helm is missing, never Helm 3', () => {
    const error = classifyHelmFailure({ ...outcome(''), notFound: true, exitCode: undefined }, 'x');
    expect(error.hint).toMatch(/install Helm 4\b/);
    expect(error.hint).not.toMatch(/3\.\d/);
  });

  it('passes --server-side=true with --force-conflicts, which Helm 4 refuses on a client-side release otherwise', async () => {
    const calls: string[][] = [];
    const helm = createHelmClient({
      namespace: 'todo',
      runner: async (file, args) => {
        calls.push([file, ...args]);
        return {
          ...outcome('', 0),
          stdout: '{"name":"todo-app","version":2,"info":{"status":"deployed"}}',
        };
      },
    });
    await helm.upgrade({
      release: 'todo-app',
      chart: 'charts/todo-app',
      reuseValues: true,
      set: { 'backend.replicas': 3 },
      wait: true,
      forceConflicts: true,
      timeoutSeconds: 60,
    });
    await helm.upgrade({ release: 'todo-app', chart: 'charts/todo-app', timeoutSeconds: 60 });
    const [forced, plain] = calls;
    expect(forced).toContain('--force-conflicts');
    expect(forced?.indexOf('--server-side=true')).toBeGreaterThan(0);
    expect(plain?.some((a) => a.startsWith('--server-side') || a === '--force-conflicts')).toBe(
      false,
    );
  });
});
