import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerChatCommand } from '../../src/cli/chat.js';

describe('todo-ops chat without a terminal', () => {
  it('says to use run, exits 2 and loads no tools', async () => {
    let err = '';
    let loaded = false;
    const program = new Command('todo-ops').exitOverride();
    registerChatCommand(
      program,
      async () => {
        loaded = true;
        return { tools: [], deps: {} };
      },
      {
        interactive: () => false,
        writeError: (text) => {
          err += text;
        },
        env: {},
      },
    );
    const before = process.exitCode;
    await program.parseAsync(['node', 'todo-ops']);
    const code = process.exitCode;
    process.exitCode = before;
    expect(code).toBe(2);
    expect(err).toContain('todo-ops run "show pods"');
    expect(loaded).toBe(false);
  });
});
