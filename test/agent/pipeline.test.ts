/**
 * The one call pipeline: validate, plan, policy, run, check the output schema, redact once
 * at the exit, format. The same for every door; doors only say how they ask.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PlannedCall } from '../../src/agent/calls.js';
import { type Answer, executeCall } from '../../src/agent/pipeline.js';
import { ok, type Tool } from '../../tools/contract.js';
import { clearRegisteredSecrets, registerSecret } from '../../tools/redact.js';
import { findTool } from '../../tools/registry.js';
import { newToolLog, testDeps } from '../support/test-tools.js';

const dir = mkdtempSync(join(tmpdir(), 'todo-ops-pipeline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => clearRegisteredSecrets());

const tool = (name: string) => {
  const found = findTool(name);
  if (!found) throw new Error(`no tool ${name}`);
  return found;
};

/** An approval that records what it was asked and answers as told. */
function asking(answer: Answer) {
  const asked: PlannedCall[] = [];
  return {
    asked,
    approval: {
      ask: async (call: PlannedCall) => {
        asked.push(call);
        return answer;
      },
    },
  };
}

describe('executeCall', () => {
  it("asks before a write with the tool's own plan, and runs it on yes", async () => {
    const log = newToolLog();
    const { asked, approval } = asking('yes');
    const outcome = await executeCall(
      tool('scale'),
      { component: 'backend', replicas: 3 },
      'user',
      { approval },
      { deps: testDeps(log) },
    );
    expect(asked).toEqual([
      {
        tool: 'scale',
        title: 'Scale a component',
        args: { component: 'backend', replicas: 3 },
        effect: 'write',
        change:
          'scale backend to 3 replicas (helm upgrade --reuse-values --set backend.replicas=3)',
        origin: 'user',
      },
    ]);
    expect(outcome.status).toBe('ok');
    expect(log.replicas.backend).toBe(3);
    expect(outcome.display[0]).toMatchObject({
      kind: 'table',
      columns: ['POD', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    });
  });

  it('the effect may depend on the input: hosts_entry show reads, add writes', async () => {
    const hosts = join(dir, 'hosts');
    writeFileSync(hosts, '127.0.0.1 localhost\n');
    const log = newToolLog();
    const deps = testDeps(log, { TODO_OPS_HOSTS_FILE: hosts });
    const { asked, approval } = asking('no');
    const show = await executeCall(
      tool('hosts_entry'),
      { action: 'show' },
      'user',
      { approval },
      { deps },
    );
    expect(show.status).toBe('ok');
    expect(asked).toEqual([]);
    const add = await executeCall(
      tool('hosts_entry'),
      { action: 'add' },
      'user',
      { approval },
      { deps },
    );
    expect(add).toMatchObject({ status: 'declined', declined: 'said-no' });
    expect(asked.map((c) => c.change)).toEqual([
      `add the line "<cluster IP> todo.local # added by todo-ops" to ${hosts}`,
    ]);
    expect(readFileSync(hosts, 'utf8')).toBe('127.0.0.1 localhost\n');
  });

  it('read-only mode refuses a write without asking; a dry run plans without running', async () => {
    const log = newToolLog();
    const { asked, approval } = asking('yes');
    const refused = await executeCall(
      tool('restart'),
      { component: 'frontend' },
      'user',
      { readOnly: true, approval },
      { deps: testDeps(log) },
    );
    expect(refused).toMatchObject({ status: 'declined', declined: 'read-only' });
    const planned = await executeCall(
      tool('restart'),
      { component: 'frontend' },
      'user',
      { dryRun: true, approval },
      { deps: testDeps(log) },
    );
    expect(planned.status).toBe('planned');
    expect(planned.text).toBe(
      '· restart the frontend pods (rolling restart of its deployment) (dry run: not executed)',
    );
    expect(asked).toEqual([]);
    expect(log.calls).toEqual([]);
    expect(log.changes).toEqual([]);
  });

  it('reports invalid arguments without running or asking', async () => {
    const log = newToolLog();
    const { asked, approval } = asking('yes');
    const outcome = await executeCall(
      tool('scale'),
      { component: 'database', replicas: 3 },
      'model',
      { approval },
      { deps: testDeps(log) },
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.result).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(asked).toEqual([]);
    expect(log.changes).toEqual([]);
  });

  it('redacts result, text, display and progress once at the exit', async () => {
    registerSecret('registered-secret-value');
    const leaky: Tool<z.ZodObject, { url: string; note: string }> = {
      name: 'leaky',
      title: 'Leaky',
      description: 'returns secrets',
      input: z.object({}),
      output: z.object({ url: z.string(), note: z.string() }),
      effect: 'read',
      idempotent: true,
      view: (data) => [{ kind: 'text', text: `${data.url} ${data.note}` }],
      run: async (_input, ctx) => {
        ctx.progress?.({ message: 'using registered-secret-value' });
        return ok('connected with registered-secret-value', {
          url: 'postgres://todo:supersecretpw@db/todo',
          note: 'registered-secret-value',
        });
      },
    };
    const progress: string[] = [];
    const outcome = await executeCall(
      leaky,
      {},
      'user',
      { approval: {} },
      {
        deps: {},
        onProgress: (p) => progress.push(p.message),
      },
    );
    const all = JSON.stringify({ outcome, progress });
    expect(all).not.toContain('supersecretpw');
    expect(all).not.toContain('registered-secret-value');
    expect(outcome.result).toMatchObject({
      ok: true,
      data: { url: 'postgres://todo:[REDACTED]@db/todo', note: '[REDACTED]' },
    });
    expect(progress).toEqual(['using [REDACTED]']);
  });

  it("masks the release Secret's values in a fresh process's first output", async () => {
    const log = newToolLog();
    log.secretValues.push('only-in-the-secret-4711');
    log.logLines.push('signing with only-in-the-secret-4711');
    const outcome = await executeCall(
      tool('logs'),
      { component: 'backend' },
      'user',
      { approval: {} },
      { deps: testDeps(log) },
    );
    expect(outcome.text).toContain('signing with [REDACTED]');
    expect(JSON.stringify(outcome)).not.toContain('only-in-the-secret-4711');
  });

  it('turns data that does not match the output schema into a failure that says so', async () => {
    const wrong: Tool<z.ZodObject, { count: number }> = {
      name: 'wrong',
      title: 'Wrong',
      description: 'breaks its own schema',
      input: z.object({}),
      output: z.object({ count: z.number() }),
      effect: 'read',
      idempotent: true,
      run: async () => ok('counted', { count: 'many' } as unknown as { count: number }),
    };
    const outcome = await executeCall(wrong, {}, 'user', { approval: {} }, { deps: {} });
    expect(outcome.status).toBe('failed');
    expect(outcome.text).toContain(
      'wrong returned data that does not match its output schema (count:',
    );
  });
});
