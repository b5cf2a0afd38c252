/**
 * What `deploy` does when its proof fails, over fake helm and Kubernetes: it rolls back to
 * the revision before the change, keeps the failed state with --no-rollback, keeps a first
 * install with its evidence, and records every phase. (The real node proves and breaks the
 * real app: test/integration/safe-deploy.test.ts.)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCall } from '../../src/agent/pipeline.js';
import type { ToolResult } from '../../tools/contract.js';
import { type DeployData, deployTool } from '../../tools/deploy.js';
import { newToolLog, type ToolLog, testDeps } from '../support/test-tools.js';

/** An app whose database is down: /health answers 503. */
let server: Server;
let url = '';
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'unhealthy', database: 'disconnected' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function deploy(
  log: ToolLog,
  input: Record<string, unknown> = {},
): Promise<ToolResult<DeployData>> {
  const deps = testDeps(
    log,
    { TODO_OPS_VERIFY_URL: url, JWT_SECRET: 'unit-jwt-secret-0123456789' },
    { proveChanges: true },
  );
  const outcome = await executeCall(
    deployTool,
    input,
    'user',
    { approval: { standing: true } },
    {
      deps,
    },
  );
  if (!outcome.result) throw new Error(outcome.text);
  return outcome.result as ToolResult<DeployData>;
}

describe('deploy when the proof fails', () => {
  it('rolls back to the revision before the change and says which revision is live', async () => {
    const log = newToolLog();
    const result = await deploy(log);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('failed');
    expect(result.error.message).toContain('the proof failed at health: GET /health: HTTP 503');
    expect(result.error.message).toContain('Rolled back by itself: revision 3 is live');
    expect(log.changes).toEqual(['helm upgrade', 'helm rollback 1']);
    const change = result.data?.change;
    expect(change).toMatchObject({
      outcome: 'rolled-back',
      previousRevision: 1,
      appliedRevision: 2,
      liveRevision: 3,
      rollout: { outcome: 'ready' },
      rollback: { to: 1, ok: true },
    });
    expect(change?.proof?.steps.map((s) => [s.step, s.ok])).toEqual([['health', false]]);
    for (const phase of ['applyMs', 'waitMs', 'proofMs', 'rollbackMs'] as const)
      expect(change?.timings[phase]).toBeGreaterThanOrEqual(0);
    expect(result.data?.revision).toBe(3);
  });

  it('keeps the failed state with --no-rollback and says how to undo it', async () => {
    const log = newToolLog();
    const result = await deploy(log, { noRollback: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(log.changes).toEqual(['helm upgrade']);
    expect(result.error.message).toContain(
      'Kept for debugging (--no-rollback): revision 2 is live',
    );
    expect(result.error.hint).toContain('todo-ops rollback 1');
    expect(result.data?.change).toMatchObject({ outcome: 'kept-failed', rollback: null });
  });

  it('keeps a first install with its evidence and says how to remove it', async () => {
    const log = newToolLog();
    log.revisions = [];
    const result = await deploy(log);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(log.changes).toEqual(['helm upgrade']);
    expect(result.error.message).toContain('Nothing to roll back to (first install)');
    expect(result.error.hint).toContain('todo-ops teardown --yes');
    expect(result.data?.change).toMatchObject({
      outcome: 'kept-failed',
      previousRevision: null,
      appliedRevision: 1,
    });
  });

  it('is kept without a proof when --no-proof is given', async () => {
    const log = newToolLog();
    const result = await deploy(log, { noProof: true });
    expect(result.ok && result.summary).toContain('proof skipped');
    expect(log.changes).toEqual(['helm upgrade']);
    expect(result.data?.change).toMatchObject({
      outcome: 'kept',
      proof: null,
      proofSkipped: true,
    });
  });
});
