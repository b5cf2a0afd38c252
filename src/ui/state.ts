/** Chat state as a reducer: the transcript, the running turn, the pending confirmation. */
import type { DisplayBlock, ToolResult } from '../../tools/contract.js';
import { redactText, stripTerminalControls } from '../../tools/redact.js';
import type { PlannedCall, ToolArgs } from '../agent/calls.js';
import type { AgentEvent, CallStatus } from '../agent/loop.js';

/** One line of the transcript. */
export type Entry =
  | { kind: 'user'; id: number; text: string }
  | { kind: 'assistant'; id: number; text: string }
  | {
      kind: 'tool';
      id: number;
      callId: string;
      tool: string;
      args: ToolArgs;
      change?: string;
      status: 'running' | CallStatus;
      /** The change's plan was empty: it was not applied. */
      unchanged?: boolean;
      progress?: string;
      result?: ToolResult;
      /** What the tool's view shows beyond the summary. */
      display?: DisplayBlock[];
      startedAt: number;
      endedAt?: number;
    }
  | { kind: 'notice'; id: number; text: string; tone: 'info' | 'error' };

/** Everything the chat shows. */
export interface ChatState {
  entries: Entry[];
  busy: boolean;
  nextId: number;
}

/** What can happen to the chat. */
export type ChatAction =
  | { type: 'user'; text: string }
  | { type: 'agent'; event: AgentEvent; now: number }
  | { type: 'notice'; text: string; tone?: 'info' | 'error' }
  | { type: 'busy'; busy: boolean }
  | { type: 'clear' };

/** The empty chat. */
export const initialChatState: ChatState = { entries: [], busy: false, nextId: 1 };

/** An entry before it gets its id (distributes over the union, unlike Omit). */
type NewEntry = Entry extends infer E ? (E extends Entry ? Omit<E, 'id'> : never) : never;

function push(state: ChatState, entry: NewEntry): ChatState {
  return {
    ...state,
    entries: [...state.entries, { ...entry, id: state.nextId } as Entry],
    nextId: state.nextId + 1,
  };
}

function updateTool(
  state: ChatState,
  callId: string,
  update: (entry: Extract<Entry, { kind: 'tool' }>) => Entry,
): ChatState {
  return {
    ...state,
    entries: state.entries.map((entry) =>
      entry.kind === 'tool' && entry.callId === callId ? update(entry) : entry,
    ),
  };
}

function startTool(state: ChatState, call: PlannedCall, callId: string, now: number): ChatState {
  return push(state, {
    kind: 'tool',
    callId,
    tool: call.tool,
    args: call.args,
    ...(call.effect !== 'read' ? { change: call.change } : {}),
    status: 'running',
    startedAt: now,
  });
}

/** The chat reducer. */
export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'user':
      return push(state, { kind: 'user', text: action.text });
    case 'notice':
      return push(state, {
        kind: 'notice',
        text: redactText(action.text),
        tone: action.tone ?? 'info',
      });
    case 'busy':
      return { ...state, busy: action.busy };
    case 'clear':
      return { ...state, entries: [] };
    case 'agent': {
      const { event, now } = action;
      switch (event.type) {
        case 'text': {
          // The model may repeat cluster text, escape sequences included.
          const delta = stripTerminalControls(event.delta);
          const last = state.entries.at(-1);
          if (last?.kind === 'assistant') {
            return {
              ...state,
              entries: [...state.entries.slice(0, -1), { ...last, text: last.text + delta }],
            };
          }
          return push(state, { kind: 'assistant', text: delta });
        }
        case 'tool_start':
          return startTool(state, event.call, event.id, now);
        case 'tool_progress':
          return updateTool(state, event.id, (entry) => ({
            ...entry,
            progress: event.progress.message,
          }));
        case 'tool_end': {
          const known = state.entries.some(
            (e) => e.kind === 'tool' && e.callId === event.record.id,
          );
          const base = known
            ? state
            : push(state, {
                kind: 'tool',
                callId: event.record.id,
                tool: event.record.tool,
                args: event.record.args,
                status: 'running',
                startedAt: now,
              });
          return updateTool(base, event.record.id, (entry) => ({
            ...entry,
            status: event.record.status,
            ...(event.record.unchanged ? { unchanged: true } : {}),
            ...(event.record.result ? { result: event.record.result } : {}),
            display: event.record.display,
            endedAt: now,
          }));
        }
        default:
          return state;
      }
    }
    default:
      return state;
  }
}
