/**
 * Asks the real MCP server (buildServer over the given tools) for its `initialize` and
 * `tools/list` answers, as a client would get them on the wire, and keeps them as a
 * StdioListing. scripts/build-cli.mjs writes the registry's listing next to the bundle;
 * tests compare it with the live server.
 */
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import {
  type JSONRPCMessage,
  LATEST_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/sdk/types.js';
import type { Tool } from '../../tools/contract.js';
import type { StdioListing } from './listing.js';
import { buildServer } from './server.js';

/**
 * Sends raw JSON-RPC requests to a server built with `options` and returns the results as
 * JSON (what a client reads off stdio), in request order.
 */
export async function rawAnswers(
  options: Parameters<typeof buildServer>[0],
  requests: Array<{ method: string; params?: Record<string, unknown> }>,
): Promise<unknown[]> {
  const server = buildServer(options);
  const [client, serverSide] = InMemoryTransport.createLinkedPair();
  const answers = new Map<number, JSONRPCMessage>();
  const done = new Promise<void>((resolve) => {
    client.onmessage = (message) => {
      if ('id' in message && typeof message.id === 'number') answers.set(message.id, message);
      if (answers.size === requests.length) resolve();
    };
  });
  await server.connect(serverSide);
  await client.start();
  for (const [index, request] of requests.entries())
    await client.send({ jsonrpc: '2.0', id: index, ...request });
  await done;
  await server.close();
  return requests.map((_, index) => {
    const answer = answers.get(index);
    if (!answer || !('result' in answer))
      throw new Error(`MCP server did not answer request ${index}: ${JSON.stringify(answer)}`);
    // Through JSON, as on the wire: fields set to undefined disappear.
    return JSON.parse(JSON.stringify(answer.result));
  });
}

/** The initialize and tools/list answers of a server exposing every one of `tools`. */
export async function precomputeListing(tools: readonly Tool[]): Promise<StdioListing> {
  const [initialize, list] = (await rawAnswers({ tools, deps: undefined, allowDestructive: true }, [
    {
      method: 'initialize',
      params: {
        protocolVersion: LATEST_PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: { name: 'todo-ops-build', version: '0' },
      },
    },
    { method: 'tools/list', params: {} },
  ])) as [Record<string, unknown>, { tools: Array<Record<string, unknown>> }];
  const { protocolVersion: _negotiated, ...rest } = initialize;
  return {
    protocolVersions: {
      supported: [...SUPPORTED_PROTOCOL_VERSIONS],
      latest: LATEST_PROTOCOL_VERSION,
    },
    initialize: rest,
    tools: list.tools.map((definition) => {
      const tool = tools.find((candidate) => candidate.name === definition.name);
      if (!tool) throw new Error(`tools/list names an unknown tool ${String(definition.name)}`);
      return { name: tool.name, effect: tool.effect, definition };
    }),
  };
}
