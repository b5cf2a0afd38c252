import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { TOOL_NAMES } from '../../tools/names.js';
import { capture } from './capture.js';

const dir = mkdtempSync(join(tmpdir(), 'todo-ops-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const argv = (...args: string[]) => ['node', 'todo-ops', ...args];
// A kubeconfig that does not exist: no test here may reach a cluster by accident.
const baseEnv = { KUBECONFIG: join(dir, 'missing-kubeconfig'), PATH: process.env.PATH };

describe('todo-ops CLI', () => {
  it('lists a subcommand for every tool', async () => {
    const c = capture(baseEnv);
    expect(await runCli(argv('--help'), c.runtime)).toBe(0);
    for (const name of TOOL_NAMES) expect(c.out()).toContain(name.replace(/_/g, '-'));
  });

  it('exits 2 with the schema message on bad arguments', async () => {
    const c = capture(baseEnv);
    expect(await runCli(argv('scale', 'backend', 'three', '--yes'), c.runtime)).toBe(2);
    expect(c.err()).toContain('invalid arguments for scale: replicas');
    const d = capture(baseEnv);
    expect(await runCli(argv('scale', 'database', '3', '--yes'), d.runtime)).toBe(2);
    expect(d.err()).toContain('component');
    const e = capture(baseEnv);
    expect(await runCli(argv('scale'), e.runtime)).toBe(2);
    expect(e.err()).toContain("missing required argument 'component'");
    const f = capture(baseEnv);
    expect(await runCli(argv('no-such-command'), f.runtime)).toBe(2);
    const g = capture(baseEnv);
    expect(await runCli(argv('status', '--namespace', 'Not_Valid'), g.runtime)).toBe(2);
    expect(g.err()).toContain('not a valid Kubernetes name');
  });

  it('refuses a change without a terminal and without --yes: exit 3 and the plan', async () => {
    const c = capture(baseEnv, { interactive: false });
    expect(await runCli(argv('scale', 'backend', '3'), c.runtime)).toBe(3);
    expect(c.err()).toContain(
      'not confirmed: it would scale backend to 3 replicas (helm upgrade --reuse-values --set backend.replicas=3)',
    );
    expect(c.err()).toContain('hint: no terminal to confirm on; pass --yes to proceed');
  });

  it('asks at a terminal and does nothing on "n"', async () => {
    const c = capture(baseEnv, { interactive: true, answer: 'n' });
    expect(await runCli(argv('teardown'), c.runtime)).toBe(1);
    expect(c.err()).toContain(
      'Destructive change: uninstall the release and delete its resources\n  on todo/todo-app',
    );
    expect(c.err()).toContain('cancelled: nothing was changed');
  });

  it('asks at a terminal and goes ahead on "y"', async () => {
    const hosts = join(dir, 'hosts-y');
    writeFileSync(hosts, '127.0.0.1 localhost\n');
    const c = capture(
      { ...baseEnv, TODO_OPS_HOSTS_FILE: hosts },
      { interactive: true, answer: 'y' },
    );
    expect(await runCli(argv('hosts-entry', 'add'), c.runtime)).toBe(0);
    expect(c.err()).toContain(
      `Change: add the line "<cluster IP> todo.local # added by todo-ops" to ${hosts}`,
    );
    expect(readFileSync(hosts, 'utf8')).toContain('todo.local # added by todo-ops');
  });

  it('reports an unreadable kubeconfig clearly, exit 1, no stack trace', async () => {
    const c = capture(baseEnv);
    expect(await runCli(argv('status'), c.runtime)).toBe(1);
    expect(c.err()).toContain('✗ status failed: cannot read kubeconfig');
    expect(c.err()).toContain('hint:');
    expect(c.err()).not.toMatch(/\n\s+at /);
  });

  it('shows the hosts line without confirmation and prints JSON with --json', async () => {
    const hosts = join(dir, 'hosts');
    writeFileSync(hosts, '127.0.0.1 localhost\n');
    const env = { ...baseEnv, TODO_OPS_HOSTS_FILE: hosts };
    const c = capture(env);
    expect(await runCli(argv('hosts-entry', 'show', '--json'), c.runtime)).toBe(0);
    const result = JSON.parse(c.out()) as { ok: boolean; data: { line: string; present: boolean } };
    expect(result).toMatchObject({
      ok: true,
      data: { line: '127.0.0.1 todo.local', present: false },
    });
    const add = capture(env);
    expect(await runCli(argv('hosts-entry', 'add', '--yes'), add.runtime)).toBe(0);
    expect(readFileSync(hosts, 'utf8')).toBe(
      '127.0.0.1 localhost\n127.0.0.1 todo.local # added by todo-ops\n',
    );
    const remove = capture(env);
    expect(await runCli(argv('hosts_entry', 'remove', '--yes'), remove.runtime)).toBe(0);
    expect(readFileSync(hosts, 'utf8')).toBe('127.0.0.1 localhost\n');
  });

  it('answers guide from the docs without a cluster', async () => {
    const c = capture(baseEnv);
    expect(await runCli(argv('guide', 'kubectl-ai install'), c.runtime)).toBe(0);
    expect(c.out()).toMatch(/kubectl-ai/);
  });
});

describe('todo-ops --timeout', () => {
  it('rejects a timeout that is not whole seconds', async () => {
    const c = capture(baseEnv);
    expect(await runCli(argv('status', '--timeout', '5m'), c.runtime)).toBe(2);
    expect(c.err()).toContain('--timeout must be whole seconds');
  });
});
