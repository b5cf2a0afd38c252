/**
 * The task tools the chat model may call. Each acts only on the calling user's tasks and
 * returns a result value (never throws for a bad argument or a missing task), which goes
 * back to the model as the tool message.
 */
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { z } from 'zod';
import type { TaskJson, TaskStore } from '../store/tasks.ts';

const taskId = z.number().int().positive().describe('The id of the task, as list_tasks shows it');
const title = z.string().trim().min(1).max(200);
const description = z.string().max(1000);

/** What a tool call returns to the model. */
export type ToolResult =
  | { ok: true; task: TaskJson }
  | { ok: true; tasks: TaskJson[] }
  | { ok: true; deleted: number }
  | { ok: false; error: string };

interface TaskTool<S extends z.ZodObject> {
  description: string;
  input: S;
  run(input: z.output<S>, store: TaskStore, userId: number): Promise<ToolResult>;
}

const missing = (id: number): ToolResult => ({
  ok: false,
  error: `Task ${id} not found; call list_tasks to see the user's task ids`,
});

const defineTool = <S extends z.ZodObject>(tool: TaskTool<S>): TaskTool<S> => tool;

const taskTools = {
  add_task: defineTool({
    description: 'Create a new task for the user.',
    input: z.object({
      title: title.describe('Short title of the task (1-200 characters)'),
      description: description.optional().describe('Optional details (up to 1000 characters)'),
    }),
    run: async (input, store, userId) => ({ ok: true, task: await store.create(userId, input) }),
  }),
  list_tasks: defineTool({
    description: "List the user's tasks, optionally only pending or only completed ones.",
    input: z.object({
      status: z
        .enum(['all', 'pending', 'completed'])
        .optional()
        .describe('Which tasks to list; default all'),
    }),
    run: async (input, store, userId) => ({
      ok: true,
      tasks: await store.list(userId, input.status ?? 'all'),
    }),
  }),
  complete_task: defineTool({
    description: 'Mark a task as completed.',
    input: z.object({ task_id: taskId }),
    run: async (input, store, userId) => {
      const task = await store.update(userId, input.task_id, { completed: true });
      return task ? { ok: true, task } : missing(input.task_id);
    },
  }),
  delete_task: defineTool({
    description: 'Delete a task permanently.',
    input: z.object({ task_id: taskId }),
    run: async (input, store, userId) =>
      (await store.remove(userId, input.task_id))
        ? { ok: true, deleted: input.task_id }
        : missing(input.task_id),
  }),
  update_task: defineTool({
    description: "Change a task's title, description or completion.",
    input: z.object({
      task_id: taskId,
      title: title.optional().describe('New title'),
      description: description.nullable().optional().describe('New description; null clears it'),
      completed: z.boolean().optional().describe('New completion state'),
    }),
    run: async ({ task_id, ...patch }, store, userId) => {
      const task = await store.update(userId, task_id, patch);
      return task ? { ok: true, task } : missing(task_id);
    },
  }),
};

/** Names of the tools. */
export type TaskToolName = keyof typeof taskTools;

/** The tools in the Chat Completions `tools` format, parameters generated from zod. */
export const toolDefinitions: ChatCompletionFunctionTool[] = Object.entries(taskTools).map(
  ([name, tool]) => ({
    type: 'function',
    function: {
      name,
      description: tool.description,
      parameters: z.toJSONSchema(tool.input) as Record<string, unknown>,
    },
  }),
);

/** Runs the tool the model asked for with its raw JSON arguments. */
export async function runTool(
  name: string,
  rawArguments: string,
  store: TaskStore,
  userId: number,
): Promise<{ arguments: unknown; result: ToolResult }> {
  let args: unknown;
  try {
    args = rawArguments.trim() === '' ? {} : JSON.parse(rawArguments);
  } catch {
    return {
      arguments: rawArguments,
      result: { ok: false, error: 'arguments are not valid JSON' },
    };
  }
  if (!Object.hasOwn(taskTools, name)) {
    return {
      arguments: args,
      result: {
        ok: false,
        error: `unknown tool ${name}; use one of ${Object.keys(taskTools).join(', ')}`,
      },
    };
  }
  const tool = taskTools[name as TaskToolName] as TaskTool<z.ZodObject>;
  const parsed = tool.input.safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      arguments: args,
      result: { ok: false, error: `${issue?.path.join('.') || 'arguments'}: ${issue?.message}` },
    };
  }
  return { arguments: parsed.data, result: await tool.run(parsed.data, store, userId) };
}
