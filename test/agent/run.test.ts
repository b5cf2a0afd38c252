import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerRunCommand } from '../../src/cli/run.js';
import { recordingIo } from '../support/command-io.js';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai.js';
import { newToolLog, type ToolLog, testDeps, testTools } from '../support/test-tools.js';

let log: ToolLog;
let fake: FakeOpenAI | undefined;
let dir: string;

beforeEach(() => {
  log = newToolLog();
  dir = mkdtempSync(join(tmpdir(), 'todo-ops-run-'));
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `todo-ops run <argv>` through commander; returns exit code and output. */
async function run(argv: string[], env: Record<string, string> = {}, globalFlags = false) {
  const { io, captured } = recordingIo(env);
  const program = new Command('todo-ops').exitOverride();
  // The root program of src/cli/index.ts declares --json and --yes globally too.
  if (globalFlags) program.option('--json').option('-y, --yes');
  registerRunCommand(program, async () => ({ tools: testTools(log), deps: testDeps(log) }), io);
  await program.parseAsync(['node', 'todo-ops', 'run', ...argv]);
  return captured;
}

describe('todo-ops run', () => {
  it('--dry-run --json plans a routed request without a model or a tool run', async () => {
    const { code, out } = await run(['scale', 'backend', 'to', '3', '--dry-run', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      request: 'scale backend to 3',
      routed: true,
      calls: [{ tool: 'scale', args: { component: 'backend', replicas: 3 } }],
    });
    expect(log.calls).toEqual([]);
  });

  it('runs a read request through the fast path', async () => {
    const { code, out } = await run(['show pods']);
    expect(code).toBe(0);
    expect(out).toContain('✓ status');
    expect(out).toContain('todo-app-frontend-abc12-0');
  });

  it('refuses a write without --yes: exit 3 and what it would have done', async () => {
    const { code, out, err } = await run(['scale backend to 3']);
    expect(code).toBe(3);
    expect(out).toContain(
      'would scale backend to 3 replicas (helm upgrade --reuse-values --set backend.replicas=3)',
    );
    expect(err).toContain('re-run with --yes');
    expect(log.calls).toEqual([]);
    expect(log.replicas.backend).toBe(2);
  });

  it('applies a write with --yes and reports it as JSON', async () => {
    const { code, out } = await run(['scale backend to 3', '--yes', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      routed: true,
      ok: true,
      calls: [
        {
          tool: 'scale',
          status: 'ok',
          result: { ok: true, data: { component: 'backend', from: 2, to: 3, ready: 3 } },
        },
      ],
    });
    expect(log.replicas.backend).toBe(3);
  });

  it('sees --json and --yes when the root program declares them globally', async () => {
    const { code, out } = await run(['scale backend to 4', '--yes', '--json'], {}, true);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ ok: true, calls: [{ tool: 'scale', status: 'ok' }] });
    expect(log.replicas.backend).toBe(4);
  });

  it('runs a prompt file in order and stops at the first refusal', async () => {
    const file = join(dir, 'steps.txt');
    writeFileSync(file, '# triage\nstatus\n\nbackend logs\nrestart backend\nstatus\n');
    const { code } = await run(['-f', file]);
    expect(code).toBe(3);
    expect(log.calls.map((c) => c.tool)).toEqual(['status', 'logs']);
  });

  it('without a model, an unrouted request exits 2 and says what works', async () => {
    const { code, err } = await run(['summarise the state of things for my manager']);
    expect(code).toBe(2);
    expect(err).toContain('OPENAI_API_KEY');
    expect(err).toContain('scale backend to 3');
  });

  it('--dry-run through the model lists the calls the model plans, running none', async () => {
    fake = await startFakeOpenAI({
      script: [
        {
          toolCalls: [
            { name: 'status', arguments: {} },
            { name: 'restart', arguments: { component: 'frontend' } },
          ],
        },
        { content: 'I would check status and restart the frontend.' },
      ],
    });
    const { code, out } = await run(['the frontend seems stuck, fix it', '--dry-run', '--json'], {
      OPENAI_BASE_URL: fake.baseURL,
      TODO_OPS_MODEL: 'm',
    });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      request: 'the frontend seems stuck, fix it',
      routed: false,
      calls: [
        { tool: 'status', args: {} },
        { tool: 'restart', args: { component: 'frontend' } },
      ],
    });
    expect(log.calls).toEqual([]);
  });
});
