/**
 * A real HTTP server standing in for the API in unit tests of the forwarding code: it
 * records what arrived and answers with what the test scripts.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the upstream saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A scripted answer. */
export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string;
}

/** A running upstream: its base URL, the requests it saw, and a way to stop it. */
export interface Upstream {
  url: string;
  seen: SeenRequest[];
  answer: (request: SeenRequest) => ScriptedAnswer;
  close: () => Promise<void>;
}

/** Starts an upstream on a free local port. */
export async function startUpstream(
  answer: (request: SeenRequest) => ScriptedAnswer = () => ({ status: 200, body: '{}' }),
): Promise<Upstream> {
  const upstream: Upstream = { url: '', seen: [], answer, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      upstream.seen.push(seen);
      const reply = upstream.answer(seen);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  upstream.close = () => new Promise((resolve) => server.close(() => resolve()));
  return upstream;
}
