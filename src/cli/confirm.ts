/** Confirmation before a tool changes anything: a y/N prompt, `--yes`, or a refusal without a terminal. */
import { createInterface } from 'node:readline/promises';
import type { OpsTool } from '../../tools/deps.js';
import { CliExit, type CliRuntime, EXIT } from './runtime.js';

/** Whether this call of the tool changes something and so needs a yes. */
export function needsConfirmation(tool: OpsTool, input: Record<string, unknown>): boolean {
  if (tool.effect === 'read') return false;
  // hosts_entry only writes for add/remove; showing the line reads.
  if (tool.name === 'hosts_entry' && input.action === 'show') return false;
  return true;
}

/** Asks (or refuses); resolves when the user agreed, throws CliExit otherwise. */
export async function confirmOrExit(
  runtime: CliRuntime,
  question: string,
  yes: boolean | undefined,
): Promise<void> {
  if (yes) return;
  if (!runtime.interactive)
    throw new CliExit(
      EXIT.usage,
      `${question}\nrefused: no terminal to confirm on; pass --yes to proceed`,
    );
  const rl = createInterface({
    input: runtime.stdin,
    output: runtime.stderr as NodeJS.WritableStream,
    terminal: false,
  });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim()))
      throw new CliExit(EXIT.failed, 'cancelled: nothing was changed');
  } finally {
    rl.close();
  }
}
