/** One render helper for the chat: test tools, an optional scripted model, ANSI stripped. */
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import OpenAI from 'openai';
import { Agent } from '../../src/agent/loop.js';
import { App } from '../../src/ui/App.js';
import { plainTheme, type Theme } from '../../src/ui/hooks/useTheme.js';
import { newToolLog, type ToolLog, testDeps, testTools } from '../support/test-tools.js';

/** Key sequences a terminal sends. */
export const KEY = {
  enter: '\r',
  up: '\u001B[A',
  down: '\u001B[B',
  ctrlC: '\u0003',
  backspace: '\u007F',
} as const;

/** Renders the chat over recording tools; `baseURL` adds a scripted model. */
export function renderChat(
  options: { baseURL?: string; theme?: Theme; readOnly?: boolean; log?: ToolLog } = {},
) {
  const log = options.log ?? newToolLog();
  const exits: number[] = [];
  let agent: Agent | undefined;
  const instance = render(
    <App
      version="0.1.0"
      theme={options.theme ?? plainTheme}
      info="context test · namespace todo"
      onExit={() => exits.push(1)}
      createAgent={({ confirm, onEvent }) => {
        agent = new Agent({
          tools: testTools(log),
          deps: testDeps(log),
          ...(options.baseURL
            ? { client: new OpenAI({ apiKey: 'sk-test', baseURL: options.baseURL, maxRetries: 0 }) }
            : {}),
          settings: { model: 'test-model' },
          systemPrompt: 'You are todo-ops.',
          approval: { ask: async (call, signal) => ((await confirm(call, signal)) ? 'yes' : 'no') },
          onEvent,
          readOnly: options.readOnly ?? false,
        });
        return agent;
      }}
    />,
  );
  const frame = () => stripVTControlCharacters(instance.lastFrame() ?? '');
  /** Types text one key at a time, as a terminal would deliver it. */
  const type = async (text: string) => {
    for (const ch of text) instance.stdin.write(ch);
  };
  return { ...instance, log, exits, frame, type, agent: () => agent };
}
