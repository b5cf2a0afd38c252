/**
 * A scripted OpenAI-compatible Chat Completions server for the end-to-end run: the API's
 * real `openai` client talks HTTP to it; no key, no network. "add a task to X" makes it
 * call `add_task` with title X; after a tool result it confirms in plain words; "please
 * fail" gets an HTTP 500.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface ChatMessageParam {
  role: string;
  content?: string | null;
}

/** A running fake: base URL for OPENAI_BASE_URL, and the requests it answered. */
export interface FakeModel {
  baseUrl: string;
  requests: Array<{ messages: ChatMessageParam[]; tools: unknown[] }>;
  close: () => Promise<void>;
}

function completion(message: Record<string, unknown>, finishReason: string) {
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'fake-model',
    choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

/** The scripted answer to a conversation so far. */
export function scriptedReply(messages: ChatMessageParam[]) {
  const last = messages.at(-1);
  if (last?.role === 'tool') {
    const result = JSON.parse(String(last.content ?? '{}')) as {
      ok?: boolean;
      task?: { title?: string };
      error?: string;
    };
    const text = result.ok
      ? `Done: I added “${result.task?.title ?? 'the task'}” to your list.`
      : `That did not work: ${result.error ?? 'unknown error'}`;
    return completion({ role: 'assistant', content: text }, 'stop');
  }
  const said = String(last?.content ?? '');
  const add = /add (?:a )?task to (.+)/i.exec(said);
  if (add?.[1]) {
    return completion(
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: `call_${Date.now()}`,
            type: 'function',
            function: { name: 'add_task', arguments: JSON.stringify({ title: add[1].trim() }) },
          },
        ],
      },
      'tool_calls',
    );
  }
  return completion(
    { role: 'assistant', content: 'I can add, list, complete, update and delete your tasks.' },
    'stop',
  );
}

/** Starts the fake on a free local port. */
export async function startFakeModel(): Promise<FakeModel> {
  const fake: FakeModel = { baseUrl: '', requests: [], close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        messages: ChatMessageParam[];
        tools?: unknown[];
        stream?: boolean;
      };
      if (body.stream) {
        // The API does not stream today; answer loudly if that changes.
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'the fake model does not stream' } }));
        return;
      }
      fake.requests.push({ messages: body.messages, tools: body.tools ?? [] });
      if (/please fail/i.test(String(body.messages.at(-1)?.content ?? ''))) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error: { message: 'scripted model failure', type: 'server_error' } }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(scriptedReply(body.messages)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}
