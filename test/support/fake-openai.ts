/**
 * A scripted OpenAI-compatible server on a real node:http socket, so the real `openai`
 * client is exercised end to end: Chat Completions, streaming (SSE) or not, tool calls,
 * errors. Each test scripts the replies in order and can read back every request it got.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tool call the scripted model makes. */
export interface ScriptedToolCall {
  name: string;
  /** An object is JSON-encoded; a string is sent as is (to script malformed arguments). */
  arguments: Record<string, unknown> | string;
  id?: string;
}

/** One scripted reply to one request. */
export interface ScriptedReply {
  content?: string;
  toolCalls?: ScriptedToolCall[];
  /** Answer with this HTTP error status instead (429, 500, 404, ...). */
  status?: number;
  /** Extra response headers (e.g. `retry-after-ms`). */
  headers?: Record<string, string>;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
}

/** A reply, or a function of the request deciding it. */
export type ScriptStep = ScriptedReply | ((request: RecordedRequest) => ScriptedReply);

/** A request as the server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The raw body: assert on this that no secret ever left todo-ops. */
  rawBody: string;
  body: {
    model?: string;
    stream?: boolean;
    stream_options?: { include_usage?: boolean };
    messages?: Array<{ role: string; content?: unknown; tool_call_id?: string }>;
    tools?: Array<{ function: { name: string } }>;
  };
}

/** Options of the fake server. */
export interface FakeOpenAIOptions {
  /** Requests must carry `Authorization: Bearer <apiKey>`, else 401. */
  apiKey?: string;
  /** Models that exist; others get 404 model_not_found. */
  models?: string[];
  script?: ScriptStep[];
  /** Address to listen on (default 127.0.0.1); pods on the real node reach its bridge address. */
  host?: string;
}

/** A running fake server. */
export interface FakeOpenAI {
  baseURL: string;
  requests: RecordedRequest[];
  /** Appends replies to the script. */
  push(...steps: ScriptStep[]): void;
  /** Replies not consumed yet. */
  remaining(): number;
  close(): Promise<void>;
}

function errorBody(message: string, code: string): string {
  return JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code } });
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  code: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(errorBody(message, code));
}

function toolCallsOf(reply: ScriptedReply, seq: number) {
  return (reply.toolCalls ?? []).map((call, index) => ({
    index,
    id: call.id ?? `call_${seq}_${index}`,
    type: 'function' as const,
    function: {
      name: call.name,
      arguments:
        typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
    },
  }));
}

function writeStream(
  res: ServerResponse,
  reply: ScriptedReply,
  model: string,
  seq: number,
  usage?: ReturnType<typeof usageOf>,
): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const id = `chatcmpl-${seq}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  res.write(chunk({ role: 'assistant', content: '' }));
  const content = reply.content ?? '';
  // Split the text so the client really assembles deltas.
  for (let i = 0; i < content.length; i += 16)
    res.write(chunk({ content: content.slice(i, i + 16) }));
  const calls = toolCallsOf(reply, seq);
  for (const call of calls) {
    const half = Math.ceil(call.function.arguments.length / 2);
    res.write(
      chunk({
        tool_calls: [
          {
            index: call.index,
            id: call.id,
            type: 'function',
            function: {
              name: call.function.name,
              arguments: call.function.arguments.slice(0, half),
            },
          },
        ],
      }),
    );
    res.write(
      chunk({
        tool_calls: [
          { index: call.index, function: { arguments: call.function.arguments.slice(half) } },
        ],
      }),
    );
  }
  res.write(chunk({}, calls.length ? 'tool_calls' : 'stop'));
  if (usage) {
    // What OpenAI sends with stream_options.include_usage: a last chunk without choices.
    res.write(
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`,
    );
  }
  res.end('data: [DONE]\n\n');
}

/**
 * Usage fields for a reply: about four characters a token, like the estimates providers
 * document, so tests can check that usage is read and added up.
 */
function usageOf(rawBody: string, reply: ScriptedReply) {
  const prompt = Math.ceil(rawBody.length / 4);
  const out = (reply.content ?? '') + JSON.stringify(reply.toolCalls ?? []);
  const completion = Math.ceil(out.length / 4);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
  };
}

function writeJson(res: ServerResponse, reply: ScriptedReply, model: string, seq: number): void {
  const calls = toolCallsOf(reply, seq).map(({ index: _index, ...call }) => call);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: `chatcmpl-${seq}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: reply.content ?? null,
            ...(calls.length ? { tool_calls: calls } : {}),
          },
          finish_reason: calls.length ? 'tool_calls' : 'stop',
        },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    }),
  );
}

/** Starts the fake server on an ephemeral port of `options.host` (default loopback). */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const script: ScriptStep[] = [...(options.script ?? [])];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let seq = 0;

  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const rawBody = Buffer.concat(parts).toString('utf8');
      let body: RecordedRequest['body'] = {};
      try {
        body = rawBody ? (JSON.parse(rawBody) as RecordedRequest['body']) : {};
      } catch {
        return sendError(res, 400, 'body is not JSON', 'invalid_json');
      }
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        rawBody,
        body,
      };
      requests.push(recorded);
      if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
        return sendError(res, 401, 'Incorrect API key provided.', 'invalid_api_key');
      }
      if (!req.url?.endsWith('/chat/completions') || req.method !== 'POST') {
        return sendError(res, 404, `no route ${req.method} ${req.url}`, 'not_found');
      }
      const model = body.model ?? '';
      if (options.models && !options.models.includes(model)) {
        return sendError(res, 404, `The model \`${model}\` does not exist`, 'model_not_found');
      }
      const step = script.shift();
      if (!step) return sendError(res, 500, 'fake-openai: script exhausted', 'script_exhausted');
      seq += 1;
      const reply = typeof step === 'function' ? step(recorded) : step;
      const answer = () => {
        if (res.destroyed) return;
        if (reply.status && reply.status >= 400) {
          return sendError(
            res,
            reply.status,
            `scripted error ${reply.status}`,
            'scripted',
            reply.headers,
          );
        }
        if (body.stream)
          writeStream(
            res,
            reply,
            model,
            seq,
            body.stream_options?.include_usage ? usageOf(rawBody, reply) : undefined,
          );
        else writeJson(res, reply, model, seq);
      };
      if (reply.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          answer();
        }, reply.delayMs);
        timers.add(timer);
      } else answer();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://${host}:${port}/v1`,
    requests,
    push: (...steps) => script.push(...steps),
    remaining: () => script.length,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
