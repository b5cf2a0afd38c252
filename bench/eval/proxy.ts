/**
 * A recording proxy in front of an OpenAI-compatible endpoint: the agent talks to it as
 * to the endpoint itself (OPENAI_BASE_URL), it forwards every request and records what
 * went out (to look for secrets), what came back (tool calls, text) and the endpoint's
 * usage fields (tokens). Streamed requests get `stream_options.include_usage`, so the
 * endpoint reports usage in its last chunk (the agent's client skips that chunk).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tool call the model asked for. */
export interface SeenToolCall {
  name: string;
  arguments: string;
}

/** One model request and its answer. */
export interface Exchange {
  /** The request body as the agent sent it (before the proxy's usage option). */
  requestBody: string;
  status: number;
  toolCalls: SeenToolCall[];
  content: string;
  /** From the endpoint's usage fields; undefined when it sent none. */
  usage?: { prompt: number; completion: number };
  ms: number;
}

/** A running proxy. */
export interface RecordingProxy {
  baseURL: string;
  exchanges: Exchange[];
  close(): Promise<void>;
}

interface UsageFields {
  prompt_tokens?: number;
  completion_tokens?: number;
}

/** Reads what a (streamed or plain) Chat Completions response said. */
function readResponse(
  text: string,
  streamed: boolean,
): Omit<Exchange, 'requestBody' | 'status' | 'ms'> {
  const calls = new Map<number, SeenToolCall>();
  let content = '';
  let usage: UsageFields | undefined;
  const chunks = streamed
    ? text
        .split('\n')
        .filter((line) => line.startsWith('data:') && !line.includes('[DONE]'))
        .map((line) => line.slice(5).trim())
    : [text];
  for (const raw of chunks) {
    let chunk: {
      usage?: UsageFields | null;
      choices?: Array<{
        delta?: {
          content?: string | null;
          tool_calls?: Array<{ index: number; function?: { name?: string; arguments?: string } }>;
        };
        message?: {
          content?: string | null;
          tool_calls?: Array<{ function: { name: string; arguments: string } }>;
        };
      }>;
    };
    try {
      chunk = JSON.parse(raw);
    } catch {
      continue;
    }
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      if (choice.delta?.content) content += choice.delta.content;
      for (const part of choice.delta?.tool_calls ?? []) {
        const entry = calls.get(part.index) ?? { name: '', arguments: '' };
        entry.name += part.function?.name ?? '';
        entry.arguments += part.function?.arguments ?? '';
        calls.set(part.index, entry);
      }
      if (choice.message) {
        content += choice.message.content ?? '';
        for (const [index, call] of (choice.message.tool_calls ?? []).entries())
          calls.set(index, { name: call.function.name, arguments: call.function.arguments });
      }
    }
  }
  return {
    toolCalls: [...calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call),
    content,
    ...(usage && typeof usage.prompt_tokens === 'number'
      ? { usage: { prompt: usage.prompt_tokens, completion: usage.completion_tokens ?? 0 } }
      : {}),
  };
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });

/** Starts the proxy on a loopback port, forwarding to `upstream` (an OPENAI_BASE_URL). */
export async function startRecordingProxy(upstream: string): Promise<RecordingProxy> {
  const exchanges: Exchange[] = [];
  const base = upstream.replace(/\/+$/, '');
  const server = createServer((req, res) => {
    void forward(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: { message: `eval proxy: ${String(error)}`, type: 'proxy' } }),
      );
    });
  });
  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const requestBody = await readBody(req);
    let body = requestBody;
    let streamed = false;
    if (req.method === 'POST' && requestBody) {
      try {
        const parsed = JSON.parse(requestBody) as {
          stream?: boolean;
          stream_options?: Record<string, unknown>;
        };
        streamed = parsed.stream === true;
        if (streamed) {
          parsed.stream_options = { ...parsed.stream_options, include_usage: true };
          body = JSON.stringify(parsed);
        }
      } catch {
        // not JSON: forwarded as is, the endpoint answers it
      }
    }
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'accept', 'openai-organization'])
      if (typeof req.headers[name] === 'string') headers[name] = req.headers[name];
    const path = (req.url ?? '/').replace(/^\/v1(?=\/|$)/, '');
    const upstreamRes = await fetch(`${base}${path}`, {
      method: req.method ?? 'GET',
      headers,
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
    });
    const outHeaders: Record<string, string> = {};
    upstreamRes.headers.forEach((value, name) => {
      if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name))
        outHeaders[name] = value;
    });
    res.writeHead(upstreamRes.status, outHeaders);
    let text = '';
    const decoder = new TextDecoder();
    if (upstreamRes.body) {
      for await (const part of upstreamRes.body as AsyncIterable<Uint8Array>) {
        text += decoder.decode(part, { stream: true });
        res.write(part);
      }
    }
    res.end();
    if (req.url?.endsWith('/chat/completions'))
      exchanges.push({
        requestBody,
        status: upstreamRes.status,
        ...(upstreamRes.ok
          ? readResponse(text, streamed)
          : { toolCalls: [], content: text.slice(0, 500) }),
        ms: Date.now() - started,
      });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    exchanges,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
