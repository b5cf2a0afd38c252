/**
 * The stdio front of `todo-ops mcp`: answers `initialize` and `tools/list` from the listing
 * the build wrote (listing.ts), so a client gets the tool list without the process loading
 * the MCP SDK, zod or the tools. The first message it does not answer itself (a tool call,
 * prompts/list, ping, anything) starts the real server (`handOver`); every message from then
 * on, and every one received while it loads, goes to the real server in order, through the
 * transport stdio.ts builds on `attach`. The real server first gets the client's initialize
 * again (under an id of the front's own, its answer dropped), so it knows the client's
 * capabilities (elicitation) and name as if it had answered it.
 *
 * Nothing here imports the SDK: lines are framed as the SDK frames them (one JSON-RPC message
 * a line, a trailing CR dropped) and anything the front is not sure about is left to the
 * real server, which answers it exactly as it would have without the front.
 */
import {
  type ExposeOptions,
  initializeResult,
  type StdioListing,
  toolsListResult,
} from './listing.js';

/** The id under which the real server gets the client's initialize again. */
export const REPLAYED_INITIALIZE_ID = 'todo-ops-stdio-front-initialize';

/** Where the front's messages go once the real server is attached. */
export interface LineReceiver {
  /** One raw line from the client, as read. */
  line(raw: string): void;
  /** The client closed stdin. */
  end(): void;
}

/** The longest unfinished line the front holds (the SDK's stdio transport's limit). */
const MAX_BUFFERED = 10 * 1024 * 1024;

/** What the front reads, writes and answers with. */
export interface StdioFrontOptions extends ExposeOptions {
  listing: StdioListing;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Starts loading the real server; called once, at the first message the front leaves to it. */
  handOver: () => void;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A JSON-RPC request as the SDK accepts one (its schema is strict at the top level), or
 * undefined.
 */
function requestOf(raw: string): (Json & { id: string | number; method: string }) | undefined {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isObject(message) || message.jsonrpc !== '2.0' || typeof message.method !== 'string')
    return undefined;
  if (Object.keys(message).some((key) => !['jsonrpc', 'id', 'method', 'params'].includes(key)))
    return undefined;
  const { id, params } = message;
  if (!(typeof id === 'string' || Number.isInteger(id))) return undefined;
  if (params !== undefined && !isObject(params)) return undefined;
  if (params?._meta !== undefined && !isObject(params._meta)) return undefined;
  return message as Json & { id: string | number; method: string };
}

/** The stdio front; see the module comment. */
export class StdioFront {
  private readonly queue: string[] = [];
  private receiver: LineReceiver | undefined;
  private handingOver = false;
  private ended = false;
  /** The last initialize request the front answered, for the real server to see again. */
  private initialize: Json | undefined;
  private buffered = '';

  constructor(private readonly options: StdioFrontOptions) {
    options.input.setEncoding('utf8');
    options.input.on('data', (chunk: string) => this.read(chunk));
    options.input.once('end', () => {
      this.ended = true;
      this.receiver?.end();
    });
  }

  /** Connects the real server: it gets the replayed initialize, then every queued line. */
  attach(receiver: LineReceiver): void {
    this.receiver = receiver;
    if (this.initialize)
      receiver.line(JSON.stringify({ ...this.initialize, id: REPLAYED_INITIALIZE_ID }));
    for (const line of this.queue.splice(0)) receiver.line(line);
    if (this.ended) receiver.end();
  }

  /** Writes one line to the client; resolves once the output has taken it. */
  write(line: string): Promise<void> {
    const { output } = this.options;
    return new Promise((resolve) => {
      if (output.write(`${line}\n`)) resolve();
      else output.once('drain', resolve);
    });
  }

  /** Stops passing lines on (the real server closed). */
  detach(): void {
    this.receiver = undefined;
    this.options.input.pause();
  }

  private read(chunk: string): void {
    if (this.ended) return;
    this.buffered += chunk;
    if (this.buffered.length > MAX_BUFFERED) {
      // As the SDK's transport does with a line this long: give up on the connection.
      this.buffered = '';
      this.ended = true;
      this.options.input.pause();
      this.startHandOver();
      return;
    }
    let newline = this.buffered.indexOf('\n');
    while (newline >= 0) {
      const line = this.buffered.slice(0, newline).replace(/\r$/, '');
      this.buffered = this.buffered.slice(newline + 1);
      this.receive(line);
      newline = this.buffered.indexOf('\n');
    }
  }

  private receive(line: string): void {
    if (this.receiver) {
      this.receiver.line(line);
      return;
    }
    if (!this.handingOver) {
      const answer = this.answer(line);
      if (answer) {
        void this.write(JSON.stringify(answer));
        return;
      }
    }
    this.queue.push(line);
    // The initialized notification needs no answer: no reason to load the server yet.
    if (methodOf(line) !== 'notifications/initialized') this.startHandOver();
  }

  private startHandOver(): void {
    if (this.handingOver) return;
    this.handingOver = true;
    this.options.handOver();
  }

  /** The front's own answer to a line, or undefined when the real server must answer it. */
  private answer(line: string): Json | undefined {
    const request = requestOf(line);
    if (!request) return undefined;
    const params = (request.params ?? {}) as Json;
    if (request.method === 'initialize') {
      const client = params.clientInfo;
      if (
        typeof params.protocolVersion !== 'string' ||
        !isObject(params.capabilities) ||
        !isObject(client) ||
        typeof client.name !== 'string' ||
        typeof client.version !== 'string'
      )
        return undefined;
      this.initialize = request;
      return {
        result: initializeResult(this.options.listing, params.protocolVersion),
        jsonrpc: '2.0',
        id: request.id,
      };
    }
    if (request.method === 'tools/list') {
      if (params.cursor !== undefined && typeof params.cursor !== 'string') return undefined;
      return {
        result: toolsListResult(this.options.listing, this.options),
        jsonrpc: '2.0',
        id: request.id,
      };
    }
    return undefined;
  }
}

/** The method of a JSON-RPC request or notification line, if it has one. */
function methodOf(line: string): string | undefined {
  try {
    const message: unknown = JSON.parse(line);
    return isObject(message) && typeof message.method === 'string' ? message.method : undefined;
  } catch {
    return undefined;
  }
}

let active: StdioFront | undefined;

/** Starts the front on these streams; the real server's stdio entry takes it over. */
export function startStdioFront(options: StdioFrontOptions): StdioFront {
  active = new StdioFront(options);
  return active;
}

/** The running front, once: the stdio entry attaches the real server to it. */
export function takeStdioFront(): StdioFront | undefined {
  const front = active;
  active = undefined;
  return front;
}
