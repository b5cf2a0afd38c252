/** Connects a real MCP Client to a server in-process through a linked transport pair. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';

/** Options of the in-process client. */
export interface LinkOptions {
  /** Answer elicitation requests with this (the client then advertises elicitation). */
  elicit?: (message: string) => ElicitResult;
}

/** A connected client; `close` ends both sides. */
export async function linkClient(server: McpServer, options: LinkOptions = {}) {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client(
    { name: 'todo-ops-test', version: '0.0.0' },
    options.elicit ? { capabilities: { elicitation: { form: {} } } } : {},
  );
  const elicited: string[] = [];
  if (options.elicit) {
    const answer = options.elicit;
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      elicited.push(request.params.message);
      return answer(request.params.message);
    });
  }
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    elicited,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}
