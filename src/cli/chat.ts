/** `todo-ops chat` (the default command): the Ink chat, only on a terminal. */
import type { Command } from 'commander';
import { Agent } from '../agent/loop.js';
import { createModelClient, modelSettingsFromEnv } from '../agent/model.js';
import { loadSystemPrompt } from '../agent/prompts.js';
import type { ToolSource } from '../agent/tool-source.js';
import { packageInfo } from './package-info.js';
import { type CommandIo, processIo } from './run.js';

interface ChatCommandOptions {
  readOnly?: boolean;
  model?: string;
}

/** Registers `chat` as the default command on `program`. */
export function registerChatCommand(
  program: Command,
  loadTools: ToolSource<Command>,
  io: CommandIo = processIo,
  /** Shown in the header, e.g. "context minikube · namespace todo · release todo-app". */
  describeScope?: () => string,
): Command {
  return program
    .command('chat', { isDefault: true })
    .description('talk to todo-ops in the terminal (the default)')
    .option('--read-only', 'only run tools that read')
    .option('--model <name>', 'model to use (default $TODO_OPS_MODEL)')
    .action(async (_local: ChatCommandOptions, command: Command) => {
      const options = command.optsWithGlobals<ChatCommandOptions>();
      if (!io.interactive()) {
        io.writeError(
          'todo-ops chat needs an interactive terminal. For scripts and CI use `todo-ops run "show pods"` or `todo-ops run -f prompts/troubleshoot.txt`.\n',
        );
        io.setExit(2);
        return;
      }
      const set = await loadTools(command);
      const settings = modelSettingsFromEnv(io.env);
      if (options.model) settings.model = options.model;
      const client = createModelClient(settings);
      const systemPrompt = loadSystemPrompt();
      // Ink and React load only for the chat, never for run, mcp or the tool subcommands.
      const { startChat } = await import('../ui/start-chat.js');
      const info = describeScope?.();
      await startChat({
        version: packageInfo().version,
        env: io.env,
        ...(info ? { info } : {}),
        createAgent: ({ confirm, onEvent }) =>
          new Agent({
            tools: set.tools,
            deps: set.deps,
            ...(client ? { client } : {}),
            settings,
            systemPrompt,
            // The person at the terminal answers every change, whoever proposed it.
            approval: {
              ask: async (call, signal) => ((await confirm(call, signal)) ? 'yes' : 'no'),
            },
            onEvent,
            readOnly: options.readOnly === true,
            ...(set.audit ? { auditFor: (request: string) => set.audit?.('chat', request) } : {}),
          }),
      });
    });
}
