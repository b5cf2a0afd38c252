import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerChatCommand } from '../../src/cli/chat.js';
import { recordingIo } from '../support/command-io.js';

describe('todo-ops chat without a terminal', () => {
  it('says to use run, exits 2 and loads no tools', async () => {
    let loaded = false;
    const { io, captured } = recordingIo();
    const program = new Command('todo-ops').exitOverride();
    registerChatCommand(
      program,
      async () => {
        loaded = true;
        return { tools: [], deps: {} };
      },
      io,
    );
    await program.parseAsync(['node', 'todo-ops']);
    const { code, err } = captured;
    expect(code).toBe(2);
    expect(err).toContain('todo-ops run "show pods"');
    expect(loaded).toBe(false);
  });
});
