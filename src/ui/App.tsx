import { Box, Text, useApp, useInput } from 'ink';
import { useCallback, useReducer, useRef, useState } from 'react';
import type { ConfirmFn } from '../agent/calls.js';
import type { Agent, AgentEvent } from '../agent/loop.js';
import { FAST_PATH_EXAMPLES } from '../agent/router.js';
import { ConfirmDialog } from './components/ConfirmDialog.js';
import { Header } from './components/Header.js';
import { PromptInput } from './components/PromptInput.js';
import { Transcript } from './components/Transcript.js';
import { useConfirmQueue } from './hooks/useConfirmQueue.js';
import { useInputHistory } from './hooks/useInputHistory.js';
import { type Theme, ThemeContext } from './hooks/useTheme.js';
import { chatReducer, initialChatState } from './state.js';

/** How the chat gets its agent: the UI supplies confirmation and event hooks. */
export type CreateAgent = (hooks: {
  confirm: ConfirmFn;
  onEvent: (event: AgentEvent) => void;
}) => Agent;

/** Props of the chat app. */
export interface AppProps {
  createAgent: CreateAgent;
  version: string;
  theme: Theme;
  /** Context, namespace, release: shown in the header. */
  info?: string;
  now?: () => number;
  /** Called when the person leaves (tests). */
  onExit?: () => void;
}

/** A second Ctrl+C within this window exits. */
const EXIT_WINDOW_MS = 2_000;

const HELP = [
  'Ask in words; everyday requests run without a model:',
  ...FAST_PATH_EXAMPLES.map((example) => `  ${example}`),
  'Commands: /help  /clear  /read-only (toggle)  /model [name]  /exit',
  'Keys: ↑/↓ history · Ctrl+C cancels the running turn, twice exits',
].join('\n');

/** The chat: transcript, confirmation dialog and input line. */
export function App({ createAgent, version, theme, info, now = Date.now, onExit }: AppProps) {
  const app = useApp();
  const exit = useCallback(() => {
    onExit?.();
    app.exit();
  }, [app, onExit]);
  const [state, dispatch] = useReducer(chatReducer, initialChatState);
  const confirmQueue = useConfirmQueue();
  const history = useInputHistory();
  const [value, setValue] = useState('');
  const [agent] = useState(() =>
    createAgent({
      confirm: confirmQueue.request,
      onEvent: (event) => dispatch({ type: 'agent', event, now: now() }),
    }),
  );
  const [readOnly, setReadOnly] = useState(agent.readOnly);
  const [model, setModel] = useState(agent.model);
  const running = useRef<AbortController | undefined>(undefined);
  const lastInterrupt = useRef(0);

  const runSlash = useCallback(
    (command: string) => {
      const [name, ...rest] = command.slice(1).split(/\s+/);
      switch (name) {
        case 'help':
          return dispatch({ type: 'notice', text: HELP });
        case 'clear':
          agent.clear();
          return dispatch({ type: 'clear' });
        case 'read-only':
          agent.readOnly = !agent.readOnly;
          setReadOnly(agent.readOnly);
          return dispatch({
            type: 'notice',
            text: agent.readOnly
              ? 'read-only: only read tools will run'
              : 'read-only off: changes are asked for one by one',
          });
        case 'model':
          if (rest[0]) {
            agent.model = rest[0];
            setModel(rest[0]);
          }
          return dispatch({ type: 'notice', text: `model ${agent.model}` });
        case 'exit':
        case 'quit':
          return exit();
        default:
          return dispatch({
            type: 'notice',
            text: `unknown command /${name ?? ''}: try /help`,
            tone: 'error',
          });
      }
    },
    [agent, exit],
  );

  const submit = useCallback(
    async (text: string) => {
      history.remember(text);
      setValue('');
      if (text.startsWith('/')) return runSlash(text);
      dispatch({ type: 'user', text });
      dispatch({ type: 'busy', busy: true });
      const controller = new AbortController();
      running.current = controller;
      const outcome = await agent.send(text, controller.signal);
      running.current = undefined;
      if (outcome.error) {
        dispatch({
          type: 'notice',
          text: outcome.error.kind === 'cancelled' ? 'cancelled' : outcome.error.message,
          tone: outcome.error.kind === 'cancelled' ? 'info' : 'error',
        });
      }
      dispatch({ type: 'busy', busy: false });
    },
    [agent, history, runSlash],
  );

  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      if (running.current) {
        running.current.abort();
        if (confirmQueue.pending) confirmQueue.settle(false);
        lastInterrupt.current = 0;
        return;
      }
      if (now() - lastInterrupt.current < EXIT_WINDOW_MS) return exit();
      lastInterrupt.current = now();
      return dispatch({ type: 'notice', text: 'Press Ctrl+C again to exit' });
    }
    if (confirmQueue.pending) {
      if (input.toLowerCase() === 'y') confirmQueue.settle(true);
      else if (input.toLowerCase() === 'n' || key.return || key.escape) confirmQueue.settle(false);
      return;
    }
    if (state.busy) return;
    // Text that arrives together with its Enter (typed ahead while the chat started, or
    // pasted) is submitted, line by line, as if each line had been typed and entered.
    if (input.length > 1 && /[\r\n]/.test(input)) {
      const lines = (value + input).split(/\r\n|\r|\n/);
      const rest = lines.pop() ?? '';
      const requests = lines.map((line) => line.trim()).filter(Boolean);
      void (async () => {
        for (const request of requests) await submit(request);
        // What followed the last line break stays in the input, as typed.
        setValue(rest);
      })();
      return;
    }
    if (key.return) {
      const text = value.trim();
      if (text) void submit(text);
      return;
    }
    if (key.upArrow) {
      const older = history.older(value);
      if (older !== undefined) setValue(older);
      return;
    }
    if (key.downArrow) {
      const newer = history.newer();
      if (newer !== undefined) setValue(newer);
      return;
    }
    if (key.backspace || key.delete) return setValue((current) => current.slice(0, -1));
    if (input && !key.ctrl && !key.meta && !key.tab && !key.escape)
      setValue((current) => current + input);
  });

  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column">
        <Header version={version} model={model} readOnly={readOnly} {...(info ? { info } : {})} />
        <Transcript entries={state.entries} />
        {confirmQueue.pending ? (
          <ConfirmDialog call={confirmQueue.pending} />
        ) : (
          <PromptInput value={value} busy={state.busy} />
        )}
        {state.entries.length === 0 ? (
          <Text dimColor={theme.dim}>
            try: show pods · scale backend to 3 · why is the frontend failing
          </Text>
        ) : null}
      </Box>
    </ThemeContext.Provider>
  );
}
