import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerMcpCommand } from '../../src/cli/mcp.js';
import { recordingIo } from '../support/command-io.js';

async function mcp(...args: string[]) {
  const { io, captured } = recordingIo({});
  const program = new Command('todo-ops').exitOverride();
  registerMcpCommand(program, async () => ({ tools: [], deps: {} }), io);
  await program.parseAsync(['node', 'todo-ops', 'mcp', ...args]);
  return captured;
}

describe('todo-ops mcp', () => {
  it('refuses to listen beyond loopback without a bearer token: exit 2 and why', async () => {
    const { code, err } = await mcp('--http', '0.0.0.0:0');
    expect(code).toBe(2);
    expect(err).toContain('refusing to listen on 0.0.0.0 without a bearer token');
  });

  it('refuses --tools naming a tool it does not have', async () => {
    const { code, err } = await mcp('--tools', 'kubectl_exec');
    expect(code).toBe(2);
    expect(err).toContain('unknown tool kubectl_exec in --tools');
  });
});
