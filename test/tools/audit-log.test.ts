/**
 * The audit log: where it lives, one redacted line per change, unreadable lines skipped, and
 * the join that tells `history` who asked for each revision.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type AuditEntry, appendAudit, auditLogPath, readAudit } from '../../tools/audit-log.js';
import { askedFor } from '../../tools/history.js';
import { clearRegisteredSecrets, REDACTED, registerSecret } from '../../tools/redact.js';

const dir = mkdtempSync(join(tmpdir(), 'todo-ops-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => clearRegisteredSecrets());

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  time: '2026-12-04T10:00:00.000Z',
  door: 'cli',
  request: 'todo-ops scale backend 3 --yes',
  origin: 'user',
  tool: 'scale',
  args: { component: 'backend', replicas: 3 },
  effect: 'write',
  change: 'scale backend to 3 replicas',
  namespace: 'todo',
  release: 'todo-app',
  revisionBefore: 1,
  revisionAfter: 2,
  outcome: 'ok',
  detail: 'backend 1 -> 3 replicas',
  ...over,
});

describe('audit log', () => {
  it('lives where the person says, else under the XDG state directory, and can be turned off', () => {
    expect(auditLogPath({ TODO_OPS_AUDIT_LOG: '/var/log/ops.jsonl' })).toBe('/var/log/ops.jsonl');
    expect(auditLogPath({ XDG_STATE_HOME: '/s', HOME: '/h' })).toBe('/s/todo-ops/audit.jsonl');
    expect(auditLogPath({ HOME: '/h' })).toBe('/h/.local/state/todo-ops/audit.jsonl');
    expect(auditLogPath({ TODO_OPS_AUDIT_LOG: 'off', HOME: '/h' })).toBeUndefined();
  });

  it('appends one private line per change, with secrets masked, and reads them back in order', () => {
    const path = join(dir, 'nested', 'audit.jsonl');
    registerSecret('hunter2-database-password');
    appendAudit(path, entry({ request: 'deploy with password hunter2-database-password' }));
    appendAudit(path, entry({ tool: 'rollback', revisionBefore: 2, revisionAfter: 3 }));
    const text = readFileSync(path, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
    expect(text).not.toContain('hunter2-database-password');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const read = readAudit(path);
    expect(read.map((e) => e.tool)).toEqual(['scale', 'rollback']);
    expect(read[0]?.request).toContain(REDACTED);
  });

  it('skips a torn or hand-edited line and keeps the rest; a missing log is empty', () => {
    const path = join(dir, 'torn.jsonl');
    writeFileSync(
      path,
      `${JSON.stringify(entry({}))}\n{"time": "2026-12-04T1\nnot json\n${JSON.stringify(entry({ tool: 'restart' }))}\n`,
    );
    expect(readAudit(path).map((e) => e.tool)).toEqual(['scale', 'restart']);
    expect(readAudit(join(dir, 'absent.jsonl'))).toEqual([]);
  });
});

describe('history: who asked for a revision', () => {
  const deploy = entry({
    time: '2026-12-04T10:00:05.000Z',
    tool: 'deploy',
    request: 'deploy the app',
    door: 'chat',
    revisionBefore: undefined,
    revisionAfter: 1,
  });
  const failed = entry({
    time: '2026-12-04T11:00:30.000Z',
    tool: 'deploy',
    request: 'todo-ops deploy --set backend.image.tag=nope --yes',
    revisionBefore: 1,
    revisionAfter: 3,
    outcome: 'failed',
  });

  it('names the change that made each revision, both revisions of a rolled-back change', () => {
    const entries = [deploy, failed];
    expect(askedFor(1, '2026-12-04T10:00:01Z', entries)).toMatchObject({
      door: 'chat',
      request: 'deploy the app',
    });
    expect(askedFor(2, '2026-12-04T11:00:02Z', entries)).toMatchObject({ outcome: 'failed' });
    expect(askedFor(3, '2026-12-04T11:00:25Z', entries)).toMatchObject({ outcome: 'failed' });
    expect(askedFor(4, '2026-12-04T12:00:00Z', entries)).toBeUndefined();
  });

  it('does not credit a revision to a change that finished before it was made', () => {
    // After a teardown and a new install, revision 1 is another release's revision 1.
    expect(askedFor(1, '2026-12-05T09:00:00Z', [deploy])).toBeUndefined();
  });
});
