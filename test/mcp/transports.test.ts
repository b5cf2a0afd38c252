import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type HttpEntry,
  isLoopback,
  parseListenAddress,
  startHttpEntry,
} from '../../src/mcp/http.js';
import { buildServer } from '../../src/mcp/server.js';
import { allTools } from '../../tools/registry.js';
import { newToolLog, testDeps, testTools } from '../support/test-tools.js';

const nonDestructive = allTools().filter((t) => t.effect !== 'destructive').length;

const fixture = fileURLToPath(new URL('./fixtures/stdio-test-server.ts', import.meta.url));
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('MCP over real stdio', () => {
  it('lists tools and calls status in a spawned process, secrets redacted', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', fixture, '--allow-destructive'],
      stderr: 'pipe',
    });
    const client = new Client({ name: 'stdio-test', version: '0' });
    await client.connect(transport);
    cleanups.push(() => client.close());
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('teardown');
    const status = await client.callTool({ name: 'status', arguments: {} });
    expect(status.structuredContent).toMatchObject({ ok: true });
    const logs = await client.callTool({ name: 'logs', arguments: {} });
    expect(JSON.stringify(logs)).not.toContain('hunter2-planted-secret');
    const teardown = await client.callTool({ name: 'teardown', arguments: {} });
    expect(teardown.isError).toBe(true);
  });
});

describe('MCP over stateless Streamable HTTP', () => {
  async function serve(token?: string, clientConfirmsWrites = false): Promise<HttpEntry> {
    const log = newToolLog();
    const entry = await startHttpEntry({
      host: '127.0.0.1',
      port: 0,
      ...(token ? { token } : {}),
      buildServer: () =>
        buildServer({ tools: testTools(log), deps: testDeps(log), clientConfirmsWrites }),
    });
    cleanups.push(() => entry.close());
    return entry;
  }

  async function connect(url: string, headers: Record<string, string> = {}) {
    const client = new Client({ name: 'http-test', version: '0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }),
    );
    cleanups.push(() => client.close());
    return client;
  }

  it('answers /healthz and serves tools on /mcp', async () => {
    const entry = await serve(undefined, true);
    const health = await fetch(entry.url.replace('/mcp', '/healthz'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const client = await connect(entry.url);
    expect((await client.listTools()).tools.length).toBe(nonDestructive);
    const scaled = await client.callTool({
      name: 'scale',
      arguments: { component: 'backend', replicas: 3 },
    });
    expect(scaled.structuredContent).toMatchObject({
      ok: true,
      data: { component: 'backend', from: 2, to: 3 },
    });
  });

  it('cannot ask over stateless HTTP: a write runs only when the client confirms writes', async () => {
    const client = await connect((await serve()).url);
    const refused = await client.callTool({
      name: 'scale',
      arguments: { component: 'backend', replicas: 3 },
    });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toContain('--client-confirms-writes');
  });

  it('requires the bearer token when one is set', async () => {
    const entry = await serve('a-long-random-token-1234');
    const anonymous = await fetch(entry.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
    await expect(connect(entry.url, { authorization: 'Bearer wrong' })).rejects.toThrow();
    const client = await connect(entry.url, { authorization: 'Bearer a-long-random-token-1234' });
    expect((await client.listTools()).tools.length).toBe(nonDestructive);
  });

  it('accepts a token configured as a header value ("Bearer x", as kagent stores it)', async () => {
    const entry = await serve('Bearer a-long-random-token-5678');
    await expect(
      connect(entry.url, { authorization: 'Bearer Bearer a-long-random-token-5678' }),
    ).rejects.toThrow();
    const client = await connect(entry.url, { authorization: 'Bearer a-long-random-token-5678' });
    expect((await client.listTools()).tools.length).toBe(nonDestructive);
  });

  it('refuses to listen beyond loopback without a token, and rejects foreign Host headers', async () => {
    await expect(
      startHttpEntry({
        host: '0.0.0.0',
        port: 0,
        buildServer: () => buildServer({ tools: [], deps: {} }),
      }),
    ).rejects.toThrow(/without a bearer token/);
    const entry = await serve();
    // fetch() may not override Host; node:http sends what a rebinding page's browser would.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(
        entry.url,
        {
          method: 'POST',
          headers: { host: 'evil.example:80', 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('parses listen addresses', () => {
    expect(parseListenAddress('127.0.0.1:7070')).toEqual({ host: '127.0.0.1', port: 7070 });
    expect(parseListenAddress('[::1]:8080')).toEqual({ host: '::1', port: 8080 });
    expect(parseListenAddress('7070')).toEqual({ host: '127.0.0.1', port: 7070 });
    expect(() => parseListenAddress('localhost:99999')).toThrow();
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('::1')).toBe(true);
  });
});
