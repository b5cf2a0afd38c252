/**
 * Stateless Streamable HTTP entry: a fresh server and transport per request, so replicas
 * need no shared session state. `/healthz` for probes. A bearer token is required unless
 * the listener is a literal loopback address (127.0.0.1, ::1, localhost), and a token that
 * is empty once its `Bearer ` prefix is removed stops the server from starting. Without a
 * token the Host header must name that loopback address too, so a web page cannot reach
 * the server through DNS rebinding (`127.0.0.1.example.test` resolves to 127.0.0.1 but is
 * not accepted); a request from a browser page of any other origin is refused.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

/** Options of the HTTP entry. */
export interface HttpEntryOptions {
  host: string;
  port: number;
  /** Bearer token; required unless `host` is loopback. */
  token?: string;
  /** Builds a fresh server per request. */
  buildServer: () => McpServer;
  /** Where to report errors (stderr in the CLI). */
  log?: (line: string) => void;
}

/** A listening HTTP entry. */
export interface HttpEntry {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Host names that always mean this machine: literal, never a DNS name that resolves there. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** True for the literal loopback hosts only: 127.0.0.1, ::1 ([::1]) and localhost. */
export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.replace(/^\[|\]$/g, '').toLowerCase());
}

/** The host name of a Host header (`name:port`, `[v6]:port`), without the port. */
function hostOf(header: string): string {
  const bracketed = header.match(/^\[([^\]]*)\](?::\d+)?$/);
  if (bracketed) return bracketed[1] ?? '';
  return header.replace(/:\d+$/, '');
}

/** Whether an Origin header names a page served from this machine. */
function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopback(url.hostname);
  } catch {
    return false;
  }
}

/**
 * The token to require: a configured value with any `Bearer ` prefix removed (one Secret key
 * can hold the header value kagent sends). Undefined when none is configured; throws when
 * one is configured but empty, e.g. `"Bearer $(openssl rand -hex 32)"` without openssl.
 */
export function normaliseToken(configured: string | undefined): string | undefined {
  if (configured === undefined) return undefined;
  const token = configured
    .trim()
    .replace(/^Bearer(?:\s+|$)/i, '')
    .trim();
  if (!token)
    throw new Error(
      'refusing to start: the bearer token is empty (after removing "Bearer "); set TODO_OPS_MCP_TOKEN (or --token) to a long random value, e.g. the output of `openssl rand -hex 32`',
    );
  return token;
}

/** Parses `host:port`, `[v6]:port` or `port`. */
export function parseListenAddress(value: string): { host: string; port: number } {
  const match = value.match(/^(?:(\[[^\]]+\]|[^:]+):)?(\d{1,5})$/);
  const port = Number(match?.[2]);
  if (!match || port > 65535)
    throw new Error(`invalid listen address "${value}": use host:port, e.g. 127.0.0.1:7070`);
  return { host: (match[1] ?? '127.0.0.1').replace(/^\[|\]$/g, ''), port };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function rpcError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  json(res, status, { jsonrpc: '2.0', error: { code: -32000, message }, id: null }, headers);
}

/** Starts listening; refuses a non-loopback address without a token. */
export async function startHttpEntry(options: HttpEntryOptions): Promise<HttpEntry> {
  const loopback = isLoopback(options.host);
  // A token stored as a ready-made header value ("Bearer x", as kagent's headersFrom
  // sends it) is accepted too, so one Secret key serves both the server and its clients.
  const token = normaliseToken(options.token);
  if (!loopback && !token) {
    throw new Error(
      `refusing to listen on ${options.host} without a bearer token: set TODO_OPS_MCP_TOKEN (or --token), or listen on 127.0.0.1`,
    );
  }
  const log = options.log ?? (() => {});

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && req.method === 'GET') return json(res, 200, { status: 'ok' });
    if (path !== '/mcp') return json(res, 404, { error: 'not found: the MCP endpoint is /mcp' });
    const origin = req.headers.origin;
    if (origin !== undefined && !isLoopbackOrigin(origin))
      return rpcError(res, 403, `origin ${origin} not allowed`);
    if (!token) {
      const hostname = hostOf(req.headers.host ?? '');
      if (!isLoopback(hostname)) return rpcError(res, 403, `host ${hostname} not allowed`);
    }
    if (token) {
      const header = req.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7) : '';
      if (!sameToken(given, token)) {
        return rpcError(res, 401, 'missing or wrong bearer token', {
          'www-authenticate': 'Bearer',
        });
      }
    }
    if (req.method !== 'POST') {
      return rpcError(res, 405, 'this server is stateless: only POST is supported', {
        allow: 'POST',
      });
    }
    const server = options.buildServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  };

  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`todo-ops mcp: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) rpcError(res, 500, 'internal error');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shown}:${port}/mcp`,
    port,
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
