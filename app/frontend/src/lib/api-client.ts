/**
 * The browser's client for the todo API, through the frontend's `/bff/api` prefix (the
 * session cookie rides along; the token stays out of reach of scripts). Every call
 * returns a value: data, or an error with a message fit to show.
 */

/** A task as the API returns it. */
export interface Task {
  id: number;
  title: string;
  description: string | null;
  completed: boolean;
  created_at?: string;
  updated_at?: string;
}

/** Which tasks to list. */
export type TaskFilter = 'all' | 'pending' | 'completed';

/** One tool the assistant called while answering. */
export interface ToolCall {
  name: string;
  arguments: unknown;
  result?: unknown;
}

/** A conversation in the list. */
export interface Conversation {
  id: number;
  title: string;
  updated_at?: string;
}

/** One stored chat message. */
export interface ChatMessage {
  id: number | string;
  role: 'user' | 'assistant';
  content: string;
  tool_calls: ToolCall[];
  created_at?: string;
}

/** The API's answer to a chat message. */
export interface ChatReply {
  conversation_id: number;
  response: string;
  tool_calls: ToolCall[];
}

/** A failed call: `status` 0 when the request never got an answer. */
export interface ApiError {
  status: number;
  message: string;
  /** Set when a failed chat turn still saved the user's message in a conversation. */
  conversationId?: number;
}

/** Data or an error, never a throw. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

function errorMessage(status: number, body: unknown): string {
  if (typeof body === 'object' && body !== null) {
    // The API answers `{ error: code, message: text }`; the frontend's own errors may
    // carry only `error` (and a `hint`).
    const { error, message, detail, hint } = body as Record<string, unknown>;
    const text = [message, detail, error].find((v) => typeof v === 'string' && v.length > 0);
    if (typeof text === 'string') return typeof hint === 'string' ? `${text} (${hint})` : text;
    if (typeof error === 'object' && error !== null) {
      const nested = (error as Record<string, unknown>).message;
      if (typeof nested === 'string') return nested;
    }
  }
  if (status === 401) return 'Your session has ended. Please sign in again.';
  if (status === 403) return 'You are not allowed to do that.';
  if (status === 404) return 'Not found: it may have been deleted.';
  if (status >= 500) return 'The server had a problem. Please try again.';
  return `Request failed (${status}).`;
}

/** Picks the list out of a bare array or an object wrapping one under `key`. */
function listOf<T>(body: unknown, key: string): T[] {
  if (Array.isArray(body)) return body as T[];
  if (typeof body === 'object' && body !== null) {
    const inner = (body as Record<string, unknown>)[key];
    if (Array.isArray(inner)) return inner as T[];
  }
  return [];
}

/** Picks the object out of a bare object or one wrapped under `key`. */
function itemOf<T>(body: unknown, key: string): T {
  if (typeof body === 'object' && body !== null && key in body) {
    return (body as Record<string, unknown>)[key] as T;
  }
  return body as T;
}

/** Normalizes a tool call from the API's stored or OpenAI-like shape. */
export function toToolCall(raw: unknown): ToolCall {
  if (typeof raw !== 'object' || raw === null) return { name: 'tool', arguments: raw };
  const record = raw as Record<string, unknown>;
  const fn = (record.function ?? {}) as Record<string, unknown>;
  const name = [record.name, record.tool, fn.name].find((v) => typeof v === 'string');
  let args = record.arguments ?? record.args ?? record.input ?? fn.arguments;
  if (typeof args === 'string') {
    try {
      args = JSON.parse(args);
    } catch {
      // Left as the model sent it.
    }
  }
  const call: ToolCall = { name: typeof name === 'string' ? name : 'tool', arguments: args ?? {} };
  const result = record.result ?? record.output;
  if (result !== undefined) call.result = result;
  return call;
}

function toMessage(raw: unknown, index: number): ChatMessage {
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const calls = record.tool_calls ?? record.toolCalls;
  return {
    id: (record.id as number | string | undefined) ?? `m${index}`,
    role: record.role === 'user' ? 'user' : 'assistant',
    content: typeof record.content === 'string' ? record.content : '',
    tool_calls: Array.isArray(calls) ? calls.map(toToolCall) : [],
    created_at: (record.created_at ?? record.createdAt) as string | undefined,
  };
}

/** Creates the client for one signed-in user. */
export function createApiClient(userId: number | string, fetchImpl: FetchLike = fetch) {
  const base = `/bff/api/${encodeURIComponent(String(userId))}`;

  async function call<T>(
    path: string,
    init: RequestInit,
    parse: (body: unknown) => T,
  ): Promise<ApiResult<T>> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        ...init,
        credentials: 'same-origin',
        headers: init.body ? { 'content-type': 'application/json' } : undefined,
      });
    } catch {
      return { ok: false, error: { status: 0, message: 'Network error: check your connection.' } };
    }
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    if (!response.ok) {
      const error: ApiError = {
        status: response.status,
        message: errorMessage(response.status, body),
      };
      const saved = (body as { conversation_id?: unknown } | undefined)?.conversation_id;
      if (typeof saved === 'number') error.conversationId = saved;
      return { ok: false, error };
    }
    return { ok: true, data: parse(body) };
  }

  const json = (value: unknown) => JSON.stringify(value);

  return {
    listTasks: (filter: TaskFilter) =>
      call(`/tasks?status=${filter}`, { method: 'GET' }, (b) => listOf<Task>(b, 'tasks')),
    createTask: (input: { title: string; description?: string }) =>
      call('/tasks', { method: 'POST', body: json(input) }, (b) => itemOf<Task>(b, 'task')),
    updateTask: (id: number, input: { title: string; description: string | null }) =>
      call(`/tasks/${id}`, { method: 'PUT', body: json(input) }, (b) => itemOf<Task>(b, 'task')),
    toggleTask: (id: number) =>
      call(`/tasks/${id}/complete`, { method: 'PATCH' }, (b) => itemOf<Task>(b, 'task')),
    deleteTask: (id: number) => call(`/tasks/${id}`, { method: 'DELETE' }, () => undefined),
    listConversations: () =>
      call('/conversations', { method: 'GET' }, (b) => listOf<Conversation>(b, 'conversations')),
    listMessages: (conversationId: number) =>
      call(`/conversations/${conversationId}/messages`, { method: 'GET' }, (b) =>
        listOf<unknown>(b, 'messages').map(toMessage),
      ),
    sendChat: (message: string, conversationId?: number) =>
      call(
        '/chat',
        {
          method: 'POST',
          body: json(conversationId ? { conversation_id: conversationId, message } : { message }),
        },
        (b): ChatReply => {
          const record = (b ?? {}) as Record<string, unknown>;
          const calls = record.tool_calls;
          return {
            conversation_id: Number(record.conversation_id),
            response: typeof record.response === 'string' ? record.response : '',
            tool_calls: Array.isArray(calls) ? calls.map(toToolCall) : [],
          };
        },
      ),
  };
}

/** The client's type, for props. */
export type ApiClient = ReturnType<typeof createApiClient>;
