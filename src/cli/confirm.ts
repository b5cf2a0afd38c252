/** How the subcommands ask a person: a y/N prompt on the terminal, showing the call's plan. */
import { createInterface } from 'node:readline/promises';
import type { PlannedCall } from '../agent/calls.js';
import { type Answer, confirmationText } from '../agent/pipeline.js';
import type { CliRuntime } from './runtime.js';

/**
 * Asks on the terminal, or answers `cannot-ask` without one. `scope` names where the change
 * lands ("todo/todo-app (context minikube)").
 */
export async function askOnTerminal(
  runtime: CliRuntime,
  call: PlannedCall,
  scope: string,
): Promise<Answer> {
  if (!runtime.interactive) return 'cannot-ask';
  const { heading, plan, question } = confirmationText(call);
  const rl = createInterface({
    input: runtime.stdin,
    output: runtime.stderr as NodeJS.WritableStream,
    terminal: false,
  });
  try {
    const lines = plan.map((line) => `  ${line}\n`).join('');
    const answer = await rl.question(`${heading}\n  on ${scope}\n${lines}${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim()) ? 'yes' : 'no';
  } finally {
    rl.close();
  }
}
