/**
 * The HTTP entry's front door: without a token only literal loopback hosts are served (a
 * DNS-rebinding name that resolves to 127.0.0.1 is not loopback), browser pages of other
 * origins are refused, and a token that is empty once `Bearer ` is removed stops the server
 * from starting instead of turning authentication off.
 */
import { request } from 'node:http';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { registerMcpCommand } from '../../src/cli/mcp.js';
import { type HttpEntry, startHttpEntry } from '../../src/mcp/http.js';
import { buildServer } from '../../src/mcp/server.js';
import { recordingIo } from '../support/command-io.js';

const entries: HttpEntry[] = [];
afterEach(async () => {
  for (const entry of entries.splice(0)) await entry.close();
});

async function serve(host = '127.0.0.1', token?: string): Promise<HttpEntry> {
  const entry = await startHttpEntry({
    host,
    port: 0,
    ...(token === undefined ? {} : { token }),
    buildServer: () => buildServer({ tools: [], deps: {} }),
  });
  entries.push(entry);
  return entry;
}

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'probe', version: '0' },
  },
});

/** POSTs an initialize with the headers a browser (or a rebinding page) would send. */
function post(url: string, headers: Record<string, string>): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode);
      },
    );
    req.on('error', reject);
    req.end(INITIALIZE);
  });
}

describe('MCP HTTP entry', () => {
  it('without a token, refuses Host names that only resolve to loopback (DNS rebinding)', async () => {
    const entry = await serve();
    const port = entry.port;
    for (const host of ['127.0.0.1.example.test', '127.1.example.test', 'localhost.example.test'])
      expect(await post(entry.url, { host: `${host}:${port}` }), host).toBe(403);
    for (const host of ['127.0.0.1', 'localhost'])
      expect(await post(entry.url, { host: `${host}:${port}` }), host).toBe(200);
  });

  it('refuses requests from a web page of another origin, serves loopback pages', async () => {
    const entry = await serve();
    const host = `127.0.0.1:${entry.port}`;
    expect(await post(entry.url, { host, origin: 'https://evil.example' })).toBe(403);
    expect(await post(entry.url, { host, origin: 'http://127.0.0.1.example.test' })).toBe(403);
    expect(await post(entry.url, { host, origin: 'http://localhost:6274' })).toBe(200);
  });

  it('treats only literal loopback listen addresses as loopback', async () => {
    await expect(serve('127.0.0.2')).rejects.toThrow(/without a bearer token/);
    await expect(serve('0.0.0.0')).rejects.toThrow(/without a bearer token/);
    expect((await serve('localhost')).url).toMatch(/^http:\/\/localhost:\d+\/mcp$/);
  });

  it('refuses to start when the token is empty after removing "Bearer "', async () => {
    for (const token of ['Bearer ', 'Bearer', '  ', ''])
      await expect(serve('0.0.0.0', token), JSON.stringify(token)).rejects.toThrow(
        /bearer token is empty/,
      );
    await expect(serve('127.0.0.1', 'Bearer ')).rejects.toThrow(/bearer token is empty/);
  });

  it('`todo-ops mcp --http 0.0.0.0:0` with TODO_OPS_MCP_TOKEN="Bearer " exits 2 and says why', async () => {
    const { io, captured } = recordingIo({ TODO_OPS_MCP_TOKEN: 'Bearer ' });
    const program = new Command('todo-ops').exitOverride();
    registerMcpCommand(program, async () => ({ tools: [], deps: {} }), io);
    await program.parseAsync(['node', 'todo-ops', 'mcp', '--http', '0.0.0.0:0']);
    expect(captured.code).toBe(2);
    expect(captured.err).toContain('refusing to start: the bearer token is empty');
    expect(captured.err).not.toContain('listening');
  });
});
