/**
 * A scripted OpenAI-compatible server: a real node:http server speaking the (non-streaming)
 * Chat Completions API, so the real `openai` SDK is exercised end to end. Each test queues
 * the replies it wants; every request received is recorded for assertions.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message the API under test sent to the model. */
export interface SentMessage {
  role: string;
  content?: string | null;
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

/** One request the server received. */
export interface ReceivedRequest {
  authorization: string | undefined;
  body: { model: string; messages: SentMessage[]; tools?: { function: { name: string } }[] };
}

/** What the server answers to the next request. */
export type ScriptedReply =
  | { text: string }
  | { toolCalls: { name: string; arguments: unknown }[] }
  | { status: number; error: string }
  /** Holds the reply until `release()` is called, then sends `after`. */
  | { hold: Promise<void>; after: ScriptedReply };

export interface ScriptedOpenAI {
  /** Base URL for OPENAI_BASE_URL (ends in /v1). */
  url: string;
  requests: ReceivedRequest[];
  /** Queues replies, answered in order; a request with nothing queued gets a 500. */
  enqueue(...replies: ScriptedReply[]): void;
  /** Resolves once `count` requests have arrived in total. */
  waitForRequests(count: number): Promise<void>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

let callCounter = 0;

function completion(
  model: string,
  reply: { text: string } | { toolCalls: { name: string; arguments: unknown }[] },
) {
  const message =
    'text' in reply
      ? { role: 'assistant', content: reply.text, refusal: null }
      : {
          role: 'assistant',
          content: null,
          refusal: null,
          tool_calls: reply.toolCalls.map((call) => ({
            id: `call_${++callCounter}`,
            type: 'function',
            function: {
              name: call.name,
              arguments:
                typeof call.arguments === 'string'
                  ? call.arguments
                  : JSON.stringify(call.arguments),
            },
          })),
        };
  return {
    id: `chatcmpl-${++callCounter}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      { index: 0, message, logprobs: null, finish_reason: 'text' in reply ? 'stop' : 'tool_calls' },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

/** Starts the server on a free loopback port. */
export async function startScriptedOpenAI(): Promise<ScriptedOpenAI> {
  const queue: ScriptedReply[] = [];
  const requests: ReceivedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];

  const server: Server = createServer((request, response) => {
    void (async () => {
      const raw = await readBody(request);
      const send = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(payload));
      };
      if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
        send(404, {
          error: {
            message: `no route ${request.method} ${request.url}`,
            type: 'invalid_request_error',
          },
        });
        return;
      }
      const body = JSON.parse(raw) as ReceivedRequest['body'];
      requests.push({ authorization: request.headers.authorization, body });
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      let reply = queue.shift();
      while (reply && 'hold' in reply) {
        await reply.hold;
        reply = reply.after;
      }
      if (!reply) {
        send(500, { error: { message: 'scripted server: no reply queued', type: 'server_error' } });
      } else if ('status' in reply) {
        send(reply.status, { error: { message: reply.error, type: 'server_error', code: null } });
      } else {
        send(200, completion(body.model, reply));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    waitForRequests: (count) =>
      requests.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => {
            waiters.push({ count, resolve });
          }),
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
