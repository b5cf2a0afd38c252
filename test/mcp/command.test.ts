import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerMcpCommand } from '../../src/cli/mcp.js';
import { recordingIo } from '../support/command-io.js';

describe('todo-ops mcp', () => {
  it('refuses to listen beyond loopback without a bearer token', async () => {
    const { io } = recordingIo({});
    const program = new Command('todo-ops').exitOverride();
    registerMcpCommand(program, async () => ({ tools: [], deps: {} }), io);
    await expect(
      program.parseAsync(['node', 'todo-ops', 'mcp', '--http', '0.0.0.0:0']),
    ).rejects.toThrow(/without a bearer token/);
  });
});
