/** run, mcp and chat through the CLI runtime, with the real registry (no cluster needed). */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { AGENT_COMMANDS } from '../../src/cli/agent-commands.js';
import { addGlobalOptions } from '../../src/cli/runtime.js';
import { capture } from '../cli/capture.js';

async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  const captured = capture(env);
  let code = 0;
  const program = addGlobalOptions(new Command('todo-ops').exitOverride());
  for (const register of AGENT_COMMANDS) register(program, captured.runtime, (c) => (code = c));
  await program.parseAsync(['node', 'todo-ops', ...args]);
  return { code, out: captured.out(), err: captured.err() };
}

describe('agent commands on the CLI runtime', () => {
  it('run --dry-run --json plans a routed request with the real tools', async () => {
    const { code, out } = await cli(['run', 'scale backend to 3', '--dry-run', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      request: 'scale backend to 3',
      routed: true,
      calls: [{ tool: 'scale', args: { component: 'backend', replicas: 3 } }],
    });
  });

  it('run refuses a change without --yes (exit 3), the global -y applies it to the plan', async () => {
    const refused = await cli(['run', 'restart backend']);
    expect(refused.code).toBe(3);
    expect(refused.out).toContain('would restart the backend pods');
    const planned = await cli(['-y', 'run', 'rollback to 2', '--dry-run', '--json']);
    expect(JSON.parse(planned.out).calls).toEqual([{ tool: 'rollback', args: { revision: 2 } }]);
  });

  it('chat without a terminal points to run', async () => {
    const { code, err } = await cli(['chat']);
    expect(code).toBe(2);
    expect(err).toContain('todo-ops run');
  });
});
