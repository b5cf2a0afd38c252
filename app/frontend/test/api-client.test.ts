import { describe, expect, it } from 'vitest';
import { describeOutcome } from '../src/components/ToolCallList';
import { createApiClient, toToolCall } from '../src/lib/api-client';

type Call = { url: string; init: RequestInit | undefined };

function fakeFetch(status: number, body: unknown, calls: Call[] = []) {
  return async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  };
}

describe('createApiClient', () => {
  it('calls same-origin /bff/api paths for the user', async () => {
    const calls: Call[] = [];
    const api = createApiClient(
      7,
      fakeFetch(200, [{ id: 1, title: 'a', completed: false }], calls),
    );
    const result = await api.listTasks('pending');
    expect(calls[0]?.url).toBe('/bff/api/7/tasks?status=pending');
    expect(result).toEqual({ ok: true, data: [{ id: 1, title: 'a', completed: false }] });
  });

  it('sends JSON only with a body, so an empty PATCH is not an empty JSON document', async () => {
    const calls: Call[] = [];
    const api = createApiClient(7, fakeFetch(200, { id: 1, completed: true }, calls));
    await api.toggleTask(1);
    await api.createTask({ title: 'milk' });
    expect(calls[0]?.init?.method).toBe('PATCH');
    expect(calls[0]?.init?.headers).toBeUndefined();
    expect(calls[1]?.init?.headers).toEqual({ 'content-type': 'application/json' });
    expect(calls[1]?.init?.body).toBe('{"title":"milk"}');
  });

  it("turns the API's error body into a message, keeping a saved conversation id", async () => {
    const api = createApiClient(
      7,
      fakeFetch(502, { error: 'model_error', message: 'The AI model failed', conversation_id: 4 }),
    );
    expect(await api.sendChat('hi')).toEqual({
      ok: false,
      error: { status: 502, message: 'The AI model failed', conversationId: 4 },
    });
  });

  it('reports a network failure as a value', async () => {
    const api = createApiClient(7, async () => {
      throw new TypeError('fetch failed');
    });
    const result = await api.listConversations();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.status).toBe(0);
  });

  it('reads stored messages with their tool calls', async () => {
    const api = createApiClient(
      7,
      fakeFetch(200, [
        { id: 1, role: 'user', content: 'add milk', tool_calls: null },
        {
          id: 2,
          role: 'assistant',
          content: 'Done',
          tool_calls: [
            {
              name: 'add_task',
              arguments: { title: 'milk' },
              result: { ok: true, task: { id: 3, title: 'milk' } },
            },
          ],
        },
      ]),
    );
    const result = await api.listMessages(1);
    expect(result.ok && result.data.map((m) => [m.role, m.tool_calls.length])).toEqual([
      ['user', 0],
      ['assistant', 1],
    ]);
  });
});

describe('tool calls', () => {
  it('accept the OpenAI shape with string arguments too', () => {
    expect(toToolCall({ function: { name: 'list_tasks', arguments: '{"status":"all"}' } })).toEqual(
      {
        name: 'list_tasks',
        arguments: { status: 'all' },
      },
    );
  });

  it('summarise results for the person reading the chat', () => {
    expect(describeOutcome({ ok: true, task: { id: 3, title: 'buy milk' } })).toEqual({
      failed: false,
      text: '“buy milk” (#3)',
    });
    expect(describeOutcome({ ok: true, tasks: [{}, {}] })?.text).toBe('2 tasks');
    expect(describeOutcome({ ok: false, error: 'Task 9 not found' })).toEqual({
      failed: true,
      text: 'Task 9 not found',
    });
  });
});
