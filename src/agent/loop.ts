/**
 * The agent: one conversation over a set of tools. A request first tries the fast-path
 * router (no model, no tokens); otherwise it goes to the model through the `openai` client
 * the caller passes in (Chat Completions, streaming, tools). Every call, routed or proposed
 * by the model, goes through the one call pipeline (pipeline.ts) with the door's approval;
 * results come back redacted and are fenced before the model sees them. The agent knows
 * nothing of terminals: the UI listens to events.
 */
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { ChangePreview } from '../../tools/change-plan.js';
import type { DisplayBlock, Tool, ToolProgress, ToolResult } from '../../tools/contract.js';
import { fail } from '../../tools/contract.js';
import { type CallOrigin, findToolIn, type PlannedCall, type ToolArgs } from './calls.js';
import { toOpenAITool, toToolMessage } from './mappers.js';
import {
  classifyModelError,
  type ModelClient,
  type ModelError,
  type ModelSettings,
} from './model.js';
import {
  type Approval,
  type AuditHook,
  type CallOutcome,
  type CallStatus,
  executeCall,
} from './pipeline.js';
import { FAST_PATH_EXAMPLES, type RouteResult, routeRequest } from './router.js';

export type { CallStatus } from './pipeline.js';

/** One tool call of a turn, for transcripts, `run --json` and tests. Redacted. */
export interface CallRecord {
  id: string;
  tool: string;
  args: ToolArgs;
  routed: boolean;
  status: CallStatus;
  result?: ToolResult;
  /** Set for write/destructive calls: what it changes (or would have changed). */
  change?: string;
  /** The structured plan of the change, when the tool computed one from the cluster. */
  plan?: ChangePreview;
  /** The plan was empty: nothing differed, so the change was not applied. */
  unchanged?: boolean;
  /** What a person sees beyond the summary. */
  display: DisplayBlock[];
  /** The outcome as text (what the model reads, and `run` prints). */
  text: string;
}

/** What the UI (or `run`) hears while a turn is under way. */
export type AgentEvent =
  | { type: 'text'; delta: string }
  | { type: 'tool_start'; id: string; call: PlannedCall; routed: boolean }
  | { type: 'tool_progress'; id: string; progress: ToolProgress }
  | { type: 'tool_end'; record: CallRecord };

/** Why a turn produced no answer. */
export type TurnErrorKind = ModelError['kind'] | 'no_model';

/** The outcome of one request. */
export interface TurnOutcome {
  ok: boolean;
  /** Whether the fast path handled it (no model round trip). */
  routed: boolean;
  /** The answer text (streamed already through `text` events when it came from the model). */
  text: string;
  calls: CallRecord[];
  error?: { kind: TurnErrorKind; message: string };
  /** True when the round cap ended the turn. */
  roundCapReached?: boolean;
}

/** Everything an agent runs with; nothing is read from the environment here. */
export interface AgentOptions {
  tools: readonly Tool[];
  deps: unknown;
  /** Undefined when no model is configured: only the fast path works. */
  client?: ModelClient;
  settings: ModelSettings;
  systemPrompt: string;
  /** How this door gets a yes for a change (the chat asks the person; `run` has --yes). */
  approval: Approval;
  onEvent?: (event: AgentEvent) => void;
  /** Only read tools are offered and run. */
  readOnly?: boolean;
  /** Plan only: record calls, run nothing. */
  dryRun?: boolean;
  /** Model requests (each asking for tools) before the turn is stopped. */
  maxRounds?: number;
  /** Retries (with backoff) on 429 and 5xx, per model request. */
  maxRetries?: number;
  /** Per model request, in milliseconds. */
  timeoutMs?: number;
  /** Skip the fast path (tests, or a person who wants the model). */
  useRouter?: boolean;
  /** The audit hook for the changes one request leads to (src/agent/audit.ts). */
  auditFor?: (request: string) => AuditHook | undefined;
}

/** Default cap on tool rounds per turn. */
export const DEFAULT_MAX_ROUNDS = 8;

interface PendingToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A conversation with the model and the tools. */
export class Agent {
  readonly options: AgentOptions;
  private history: ChatCompletionMessageParam[] = [];
  private callCounter = 0;
  /** Records the changes of the request being handled. */
  private audit: AuditHook | undefined;
  readOnly: boolean;
  model: string;

  constructor(options: AgentOptions) {
    this.options = options;
    this.readOnly = options.readOnly ?? false;
    this.model = options.settings.model;
  }

  /** Messages so far, without the system prompt. */
  get messages(): readonly ChatCompletionMessageParam[] {
    return this.history;
  }

  /** Forgets the conversation. */
  clear(): void {
    this.history = [];
  }

  /** The tools this agent may offer right now (read-only hides writes). */
  availableTools(): Tool[] {
    return this.options.tools.filter((tool) => !this.readOnly || tool.effect === 'read');
  }

  /**
   * Handles one request from the person: fast path first, then the model. `routed` is the
   * router's answer for this request when the caller has already asked for it.
   */
  async send(request: string, signal?: AbortSignal, routed?: RouteResult): Promise<TurnOutcome> {
    this.audit = this.options.auditFor?.(request);
    if (this.options.useRouter !== false) {
      const route = routed ?? routeRequest(request);
      if (route.routed) {
        const tool = findToolIn(this.options.tools, route.call.tool);
        if (tool) return this.runRouted(request, tool, route.call.args, signal);
      }
    }
    if (!this.options.client) {
      return {
        ok: false,
        routed: false,
        text: '',
        calls: [],
        error: {
          kind: 'no_model',
          message: [
            'That request needs a model, and none is configured (set OPENAI_API_KEY, or OPENAI_BASE_URL for a local OpenAI-compatible server).',
            'Without one, these work:',
            ...FAST_PATH_EXAMPLES.map((example) => `  ${example}`),
          ].join('\n'),
        },
      };
    }
    return this.runModelTurn(this.options.client, request, signal);
  }

  private nextId(prefix: string): string {
    this.callCounter += 1;
    return `${prefix}_${this.callCounter}`;
  }

  private async runRouted(
    request: string,
    tool: Tool,
    rawArgs: ToolArgs,
    signal: AbortSignal | undefined,
  ): Promise<TurnOutcome> {
    // The router read the person's own words: the call states what they asked for.
    const record = await this.runCall(this.nextId('fast'), tool, rawArgs, 'user', signal);
    // Keep the fast-path exchange in the history so a later model turn has the context.
    this.history.push(
      { role: 'user', content: request },
      {
        role: 'assistant',
        content: `[ran ${tool.name} ${JSON.stringify(record.args)}: ${record.status}] ${record.result?.ok ? record.result.summary : (record.result?.error.message ?? '')}`,
      },
    );
    return {
      ok: record.status === 'ok' || record.status === 'planned',
      routed: true,
      text: record.text,
      calls: [record],
    };
  }

  private finish(record: CallRecord): CallRecord {
    this.options.onEvent?.({ type: 'tool_end', record });
    return record;
  }

  /** One call through the pipeline, with this door's policy; events for the UI. */
  private async runCall(
    id: string,
    tool: Tool,
    rawArgs: unknown,
    origin: CallOrigin,
    signal: AbortSignal | undefined,
  ): Promise<CallRecord> {
    const outcome: CallOutcome = await executeCall(
      tool,
      rawArgs,
      origin,
      {
        readOnly: this.readOnly,
        dryRun: this.options.dryRun ?? false,
        approval: this.options.approval,
      },
      {
        deps: this.options.deps,
        ...(signal ? { signal } : {}),
        ...(this.audit ? { audit: this.audit } : {}),
        // Announced only once it really runs, so its time excludes the person's answer.
        onStart: (call) =>
          this.options.onEvent?.({ type: 'tool_start', id, call, routed: origin === 'user' }),
        onProgress: (progress) => this.options.onEvent?.({ type: 'tool_progress', id, progress }),
      },
    );
    return this.finish({
      id,
      tool: tool.name,
      args: outcome.call.args,
      routed: origin === 'user',
      status: outcome.status,
      ...(outcome.result ? { result: outcome.result } : {}),
      ...(outcome.call.effect !== 'read' && outcome.call.change
        ? { change: outcome.call.change }
        : {}),
      ...(outcome.call.preview ? { plan: outcome.call.preview } : {}),
      ...(outcome.unchanged ? { unchanged: true } : {}),
      display: outcome.display,
      text: outcome.text,
    });
  }

  private systemMessage(): ChatCompletionMessageParam {
    const mode = this.readOnly ? '\n\nRead-only mode is on: only read tools are available.' : '';
    return { role: 'system', content: `${this.options.systemPrompt}${mode}` };
  }

  private async runModelTurn(
    client: ModelClient,
    request: string,
    signal: AbortSignal | undefined,
  ): Promise<TurnOutcome> {
    const calls: CallRecord[] = [];
    const tools = this.availableTools();
    const toolDefs = tools.map(toOpenAITool);
    const maxRounds = this.options.maxRounds ?? DEFAULT_MAX_ROUNDS;
    this.history.push({ role: 'user', content: request });
    let text = '';
    for (let round = 0; round < maxRounds; round += 1) {
      let reply: { content: string; toolCalls: PendingToolCall[] };
      try {
        reply = await this.requestCompletion(client, toolDefs, signal);
      } catch (error) {
        const classified = await classifyModelError(error, {
          ...this.options.settings,
          model: this.model,
        });
        return { ok: false, routed: false, text, calls, error: classified };
      }
      text = reply.content;
      const assistant: ChatCompletionAssistantMessageParam = {
        role: 'assistant',
        content: reply.content || null,
      };
      if (reply.toolCalls.length === 0) {
        this.history.push(assistant);
        return { ok: true, routed: false, text, calls };
      }
      assistant.tool_calls = reply.toolCalls.map(
        (call): ChatCompletionMessageFunctionToolCall => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        }),
      );
      this.history.push(assistant);
      for (const pending of reply.toolCalls) {
        const record = await this.handleModelCall(pending, tools, signal);
        calls.push(record);
        this.history.push(toToolMessage(pending.id, pending.name, record.text));
      }
      if (signal?.aborted) {
        return {
          ok: false,
          routed: false,
          text,
          calls,
          error: { kind: 'cancelled', message: 'cancelled' },
        };
      }
    }
    const capped = `Stopped after ${maxRounds} rounds of tool calls without a final answer. Ask again, more specifically, to continue.`;
    this.history.push({ role: 'assistant', content: capped });
    return { ok: true, routed: false, text: capped, calls, roundCapReached: true };
  }

  private async handleModelCall(
    pending: PendingToolCall,
    tools: readonly Tool[],
    signal: AbortSignal | undefined,
  ): Promise<CallRecord> {
    const tool = findToolIn(tools, pending.name);
    if (!tool) {
      const known = findToolIn(this.options.tools, pending.name);
      const result = known
        ? fail(
            'refused',
            `${pending.name} is not available in read-only mode`,
            'use a read tool, or tell the user what you would do',
          )
        : fail(
            'not_found',
            `there is no tool named "${pending.name}"`,
            `use one of: ${tools.map((t) => t.name).join(', ')}`,
          );
      return this.finish({
        id: pending.id,
        tool: pending.name,
        args: {},
        routed: false,
        status: known ? 'declined' : 'failed',
        result,
        display: [],
        text: `✗ ${pending.name}: ${result.ok ? '' : `${result.error.message}\n  hint: ${result.error.hint}`}`,
      });
    }
    return this.runCall(pending.id, tool, pending.arguments, 'model', signal);
  }

  /** One streamed Chat Completions request; retries and timeout by the SDK, per request. */
  private async requestCompletion(
    client: ModelClient,
    toolDefs: ReturnType<typeof toOpenAITool>[],
    signal: AbortSignal | undefined,
  ): Promise<{ content: string; toolCalls: PendingToolCall[] }> {
    const stream = await client.chat.completions.create(
      {
        model: this.model,
        messages: [this.systemMessage(), ...this.history],
        stream: true,
        ...(toolDefs.length ? { tools: toolDefs } : {}),
      },
      {
        maxRetries: this.options.maxRetries ?? 3,
        timeout: this.options.timeoutMs ?? 120_000,
        ...(signal ? { signal } : {}),
      },
    );
    let content = '';
    const pending = new Map<number, PendingToolCall>();
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta;
      if (!delta) continue;
      if (delta.content) {
        content += delta.content;
        this.options.onEvent?.({ type: 'text', delta: delta.content });
      }
      for (const part of delta.tool_calls ?? []) {
        let entry = pending.get(part.index);
        if (!entry) {
          entry = { id: '', name: '', arguments: '' };
          pending.set(part.index, entry);
        }
        if (part.id) entry.id = part.id;
        if (part.function?.name) entry.name += part.function.name;
        if (part.function?.arguments) entry.arguments += part.function.arguments;
      }
    }
    const toolCalls = [...pending.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, call]) => ({ ...call, id: call.id || this.nextId('call') }));
    return { content, toolCalls };
  }
}
