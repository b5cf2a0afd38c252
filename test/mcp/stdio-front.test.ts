/**
 * The stdio front of `todo-ops mcp`: the listing the build writes answers initialize and
 * tools/list exactly as the real server does, and a real client talking to the front sees
 * one server: the real server takes over at the first other request, knowing the client's
 * capabilities from the initialize the front answered.
 */
import { PassThrough } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ElicitRequestSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initializeResult, type StdioListing, toolsListResult } from '../../src/mcp/listing.js';
import { precomputeListing, rawAnswers } from '../../src/mcp/precompute.js';
import { buildServer } from '../../src/mcp/server.js';
import { serveStdio } from '../../src/mcp/stdio.js';
import { startStdioFront } from '../../src/mcp/stdio-front.js';
import { allTools } from '../../tools/registry.js';
import { newToolLog, type ToolLog, testDeps, testTools } from '../support/test-tools.js';

let listing: StdioListing;
beforeAll(async () => {
  listing = await precomputeListing(allTools());
});

describe("the build's MCP listing", () => {
  const tools = allTools();
  const someRead = tools.filter((t) => t.effect === 'read').map((t) => t.name);
  const destructive = tools.filter((t) => t.effect === 'destructive').map((t) => t.name);

  it.each([
    {},
    { readOnly: true },
    { allowDestructive: true },
    { readOnly: true, allowDestructive: true },
    { only: [someRead[0] as string, destructive[0] as string] },
    { only: [destructive[0] as string], allowDestructive: true },
  ])('lists the same tools as the live server with %o', async (options) => {
    const [live] = await rawAnswers({ tools, deps: undefined, ...options }, [
      { method: 'tools/list', params: {} },
    ]);
    expect(toolsListResult(listing, options)).toEqual(live);
  });

  it.each(['2025-06-18', '2024-11-05', '1999-01-01'])(
    'answers initialize as the live server does for a client asking for %s',
    async (protocolVersion) => {
      const [live] = await rawAnswers({ tools, deps: undefined }, [
        {
          method: 'initialize',
          params: { protocolVersion, capabilities: {}, clientInfo: { name: 'c', version: '1' } },
        },
      ]);
      expect(initializeResult(listing, protocolVersion)).toEqual(live);
    },
  );
});

/** A client transport over the front's streams, as a client process would see stdio. */
class StreamTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  private buffered = '';

  constructor(
    private readonly toServer: PassThrough,
    private readonly fromServer: PassThrough,
  ) {}

  async start() {
    this.fromServer.setEncoding('utf8');
    this.fromServer.on('data', (chunk: string) => {
      this.buffered += chunk;
      for (let at = this.buffered.indexOf('\n'); at >= 0; at = this.buffered.indexOf('\n')) {
        const line = this.buffered.slice(0, at);
        this.buffered = this.buffered.slice(at + 1);
        this.onmessage?.(JSON.parse(line) as JSONRPCMessage);
      }
    });
  }

  async send(message: JSONRPCMessage) {
    this.toServer.write(`${JSON.stringify(message)}\n`);
  }

  async close() {
    this.toServer.end();
    this.onclose?.();
  }
}

describe('the stdio front', () => {
  let log: ToolLog;
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  /** A front on fresh streams; the real server (over the test tools) loads on hand-over. */
  function front() {
    log = newToolLog();
    const input = new PassThrough();
    const output = new PassThrough();
    const state = { handedOver: false, served: Promise.resolve() };
    startStdioFront({
      listing,
      input,
      output,
      handOver: () => {
        state.handedOver = true;
        state.served = serveStdio(buildServer({ tools: testTools(log), deps: testDeps(log) }));
      },
    });
    return { input, output, state };
  }

  it('answers initialize and tools/list itself, then hands a tool call to the real server', async () => {
    const { input, output, state } = front();
    const client = new Client(
      { name: 'front-test', version: '1' },
      { capabilities: { elicitation: { form: {} } } },
    );
    const elicited: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      elicited.push(request.params.message);
      return { action: 'accept', content: { confirm: true } };
    });
    await client.connect(new StreamTransport(input, output));
    cleanups.push(() => client.close());
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(
      allTools()
        .filter((t) => t.effect !== 'destructive')
        .map((t) => t.name),
    );
    expect(client.getServerVersion()?.name).toBe('todo-ops');
    expect(state.handedOver).toBe(false);

    // A change: the real server asks through elicitation, which it knows the client can do
    // only from the initialize the front answered and replayed to it.
    const scaled = await client.callTool({
      name: 'scale',
      arguments: { component: 'backend', replicas: 3 },
    });
    expect(state.handedOver).toBe(true);
    expect(scaled.isError).toBeFalsy();
    expect(elicited).toHaveLength(1);
    expect(log.replicas.backend).toBe(3);
    // The real server answers what the front answered before, the same way.
    expect((await client.listTools()).tools).toEqual(tools);
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual([
      'deploy',
      'troubleshoot',
    ]);
    // The client closing stdin ends the server.
    await client.close();
    await state.served;
  });

  it('leaves what it does not understand to the real server, in order', async () => {
    const { input, output, state } = front();
    const lines: string[] = [];
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
    input.write('not json\n');
    input.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' })}\r\n`);
    input.write(`${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' })}\n`);
    await expect.poll(() => lines.length).toBe(2);
    expect(state.handedOver).toBe(true);
    // The garbage line is dropped, as the SDK drops it; the rest is answered in order.
    expect(lines.map((line) => JSON.parse(line).id)).toEqual([1, 2]);
    expect(JSON.parse(lines[1] as string).result).toEqual(toolsListResult(listing, {}));
    input.end();
    await state.served;
  });
});
