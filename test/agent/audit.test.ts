/**
 * Every door logs the changes it runs, once, with the request as typed and the revisions
 * before and after; reads, refusals and dry runs log nothing; a log that cannot be written
 * does not undo or fail the change. (Real processes on the test cluster: test/integration.)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { auditHook } from '../../src/agent/audit.js';
import { executeCall } from '../../src/agent/pipeline.js';
import { runCli } from '../../src/cli/index.js';
import { registerRunCommand } from '../../src/cli/run.js';
import { buildServer } from '../../src/mcp/server.js';
import { readAudit } from '../../tools/audit-log.js';
import type { ToolDeps } from '../../tools/deps.js';
import { findTool } from '../../tools/registry.js';
import { capture } from '../cli/capture.js';
import { linkClient } from '../mcp/helpers.js';
import { recordingIo } from '../support/command-io.js';
import { newToolLog, type ToolLog, testDeps, testTools } from '../support/test-tools.js';

const dir = mkdtempSync(join(tmpdir(), 'todo-ops-audit-doors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let counter = 0;
/** A fresh log, its audit path and deps that write there. */
function setup(): { log: ToolLog; path: string; deps: ToolDeps } {
  counter += 1;
  const path = join(dir, `audit-${counter}.jsonl`);
  const log = newToolLog();
  return { log, path, deps: testDeps(log, { TODO_OPS_AUDIT_LOG: path }) };
}

async function cli(deps: ToolDeps, argv: string[], interactive = false) {
  const c = capture({ TODO_OPS_AUDIT_LOG: deps.env.TODO_OPS_AUDIT_LOG });
  c.runtime.makeDeps = () => deps;
  c.runtime.interactive = interactive;
  const code = await runCli(['node', 'todo-ops', ...argv], c.runtime);
  return { code, out: c.out(), err: c.err() };
}

describe('audit log through the doors', () => {
  it('a subcommand logs the command line as typed, the revisions and the outcome', async () => {
    const { log, path, deps } = setup();
    const scale = await cli(deps, ['scale', 'backend', '3', '--yes']);
    expect(scale.code, scale.err).toBe(0);
    expect(log.changes).toContain('helm upgrade --set backend.replicas=3');
    expect(readAudit(path)).toMatchObject([
      {
        door: 'cli',
        request: 'todo-ops scale backend 3 --yes',
        origin: 'user',
        tool: 'scale',
        args: { component: 'backend', replicas: 3 },
        effect: 'write',
        change: expect.stringContaining('scale backend to 3 replicas'),
        namespace: 'todo',
        release: 'todo-app',
        revisionBefore: 1,
        revisionAfter: 2,
        outcome: 'ok',
      },
    ]);
    // history shows who asked for revision 2; revision 1 has no logged change.
    const history = await cli(deps, ['history', '--json']);
    const revisions = JSON.parse(history.out).data.revisions;
    expect(revisions[0].asked).toBeUndefined();
    expect(revisions[1].asked).toMatchObject({
      door: 'cli',
      origin: 'user',
      request: 'todo-ops scale backend 3 --yes',
      tool: 'scale',
    });
    const table = await cli(deps, ['history']);
    expect(table.out).toContain('cli (user): todo-ops scale backend 3 --yes');
  });

  it('a read, an unconfirmed change and a dry run log nothing', async () => {
    const { log, path, deps } = setup();
    expect((await cli(deps, ['status'])).code).toBe(0);
    expect((await cli(deps, ['scale', 'backend', '3'])).code).toBe(3);
    const restart = findTool('restart');
    if (!restart) throw new Error('no restart tool');
    const dry = await executeCall(
      restart,
      { component: 'frontend' },
      'user',
      { dryRun: true, approval: { standing: true } },
      { deps, ...withHook(deps) },
    );
    expect(dry.status).toBe('planned');
    expect(log.changes).toEqual([]);
    expect(readAudit(path)).toEqual([]);
  });

  it('run logs the prompt as the person wrote it', async () => {
    const { path, deps, log } = setup();
    const { io, captured } = recordingIo({});
    const program = new Command('todo-ops').exitOverride();
    registerRunCommand(
      program,
      async () => ({
        tools: testTools(log),
        deps,
        audit: (door, request) => auditHook(deps, door, request),
      }),
      io,
    );
    await program.parseAsync(['node', 'todo-ops', 'run', 'restart the frontend', '--yes']);
    expect(captured.code, captured.err).toBe(0);
    expect(readAudit(path)).toMatchObject([
      { door: 'run', request: 'restart the frontend', tool: 'restart', outcome: 'ok' },
    ]);
  });

  it('MCP logs which client called what', async () => {
    const { path, deps, log } = setup();
    const server = buildServer({
      tools: testTools(log),
      deps,
      clientConfirmsWrites: true,
      audit: (request) => auditHook(deps, 'mcp', request),
    });
    const link = await linkClient(server);
    cleanups.push(link.close);
    const result = await link.client.callTool({
      name: 'scale',
      arguments: { component: 'frontend', replicas: 2 },
    });
    expect(result.isError).toBeFalsy();
    expect(readAudit(path)).toMatchObject([
      {
        door: 'mcp',
        origin: 'client',
        request: 'todo-ops-test called scale {"component":"frontend","replicas":2}',
        revisionBefore: 1,
        revisionAfter: 2,
      },
    ]);
  });

  it('a log that cannot be written leaves the change applied and says so', async () => {
    const { log } = setup();
    const blocked = join(dir, 'a-directory');
    mkdirSync(blocked);
    const blockedDeps = testDeps(log, { TODO_OPS_AUDIT_LOG: blocked });
    const scale = await cli(blockedDeps, ['scale', 'backend', '4', '--yes']);
    expect(scale.code, scale.err).toBe(0);
    expect(log.changes).toContain('helm upgrade --set backend.replicas=4');
    expect(scale.out).toContain(`audit log ${blocked} not written`);
  });
});

/** The CLI door's hook, for calls made straight through the pipeline. */
function withHook(deps: ToolDeps) {
  const audit = auditHook(deps, 'cli', 'todo-ops restart frontend --dry-run');
  return audit ? { audit } : {};
}
