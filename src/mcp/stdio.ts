/** stdio entry: one server for the life of the process; nothing but protocol on stdout. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { deserializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { REPLAYED_INITIALIZE_ID, type StdioFront, takeStdioFront } from './stdio-front.js';

/**
 * The transport of a server that takes over from the stdio front: the lines the front passes
 * on, read as the SDK's stdio transport reads them, and answers written through the front
 * (one JSON message a line, as the SDK writes them), but for the answer to the initialize
 * the front replayed (the client has had it already).
 */
class FrontTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;

  constructor(private readonly front: StdioFront) {}

  async start(): Promise<void> {
    this.front.attach({
      line: (raw) => {
        let message: JSONRPCMessage;
        try {
          message = deserializeMessage(raw);
        } catch (error) {
          this.onerror?.(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        this.onmessage?.(message);
      },
      end: () => void this.close(),
    });
  }

  async close(): Promise<void> {
    this.front.detach();
    this.onclose?.();
  }

  send(message: JSONRPCMessage): Promise<void> {
    if ('id' in message && message.id === REPLAYED_INITIALIZE_ID && !('method' in message))
      return Promise.resolve();
    return this.front.write(JSON.stringify(message));
  }
}

/** Serves `server` over stdin/stdout until the client disconnects. */
export async function serveStdio(server: McpServer): Promise<void> {
  const front = takeStdioFront();
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
  });
  if (front) {
    // The front reads stdin and says when it ends.
    await server.connect(new FrontTransport(front));
  } else {
    await server.connect(new StdioServerTransport());
    process.stdin.once('end', () => void server.close());
  }
  await closed;
}
