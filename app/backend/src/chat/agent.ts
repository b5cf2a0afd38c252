/**
 * One chat turn: the stored history plus the new message go to the model, whose tool calls
 * are run against the user's tasks until it answers in text (or the round cap is hit).
 */
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { MessageJson } from '../store/conversations.ts';
import type { TaskStore } from '../store/tasks.ts';
import { runTool, type ToolResult, toolDefinitions } from './tools.ts';

/** The model the chat uses; built once from the configuration and passed in. */
export interface ChatModel {
  client: OpenAI;
  model: string;
}

/** Builds the chat model from the configuration, or undefined when no key is set. */
export function chatModelFromConfig(config: {
  OPENAI_API_KEY?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
  OPENAI_MODEL: string;
  OPENAI_MAX_RETRIES: number;
  OPENAI_TIMEOUT_MS: number;
}): ChatModel | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  return {
    client: new OpenAI({
      apiKey: config.OPENAI_API_KEY,
      baseURL: config.OPENAI_BASE_URL,
      maxRetries: config.OPENAI_MAX_RETRIES,
      timeout: config.OPENAI_TIMEOUT_MS,
    }),
    model: config.OPENAI_MODEL,
  };
}

/** A tool call the assistant made while answering, as stored and returned. */
export interface ToolCallRecord {
  name: string;
  arguments: unknown;
  result: ToolResult;
}

/** The model could not produce an answer (HTTP error, network, malformed reply). */
export class ModelError extends Error {
  readonly status: number | undefined;

  constructor(message: string, status: number | undefined, cause?: unknown) {
    super(message, { cause });
    this.status = status;
  }
}

/** Tool rounds per turn before the answer is cut short. */
export const MAX_TOOL_ROUNDS = 8;

const SYSTEM_PROMPT = [
  "You are the todo app's assistant. You manage the user's tasks with the tools given:",
  'add_task, list_tasks, complete_task, delete_task, update_task.',
  'Call list_tasks to find a task id when the user names a task by its title.',
  'Answer briefly and say what you changed.',
].join(' ');

/** Runs one turn; throws {@link ModelError} when the model fails. */
export async function runChatTurn(options: {
  model: ChatModel;
  history: MessageJson[];
  store: TaskStore;
  userId: number;
  signal?: AbortSignal;
}): Promise<{ text: string; toolCalls: ToolCallRecord[] }> {
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: SYSTEM_PROMPT },
    ...options.history.map((m) => ({ role: m.role, content: m.content })),
  ];
  const toolCalls: ToolCallRecord[] = [];
  for (let round = 0; round < MAX_TOOL_ROUNDS; round++) {
    const completion = await complete(options.model, messages, options.signal);
    const message = completion.choices[0]?.message;
    if (!message) throw new ModelError('the model returned no choices', undefined);
    const calls = (message.tool_calls ?? []).filter((call) => call.type === 'function');
    if (calls.length === 0) return { text: message.content ?? '', toolCalls };
    messages.push({ role: 'assistant', content: message.content ?? null, tool_calls: calls });
    for (const call of calls) {
      const outcome = await runTool(
        call.function.name,
        call.function.arguments,
        options.store,
        options.userId,
      );
      toolCalls.push({ name: call.function.name, ...outcome });
      messages.push({
        role: 'tool',
        tool_call_id: call.id,
        content: JSON.stringify(outcome.result),
      });
    }
  }
  return {
    text: `I stopped after ${MAX_TOOL_ROUNDS} rounds of tool calls; the changes listed were made.`,
    toolCalls,
  };
}

async function complete(
  model: ChatModel,
  messages: ChatCompletionMessageParam[],
  signal?: AbortSignal,
) {
  try {
    return await model.client.chat.completions.create(
      { model: model.model, messages, tools: toolDefinitions, tool_choice: 'auto' },
      signal ? { signal } : {},
    );
  } catch (error) {
    if (error instanceof OpenAI.APIError) {
      const status = error.status;
      const what = status ? `HTTP ${status}` : 'no response';
      throw new ModelError(`the AI model request failed (${what})`, status, error);
    }
    throw new ModelError('the AI model request failed', undefined, error);
  }
}
