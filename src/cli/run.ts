/** `todo-ops run`: one request or a prompt file, non-interactively. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createModelClient, modelSettingsFromEnv } from '../agent/model.js';
import { loadSystemPrompt, parsePromptFile } from '../agent/prompts.js';
import { RUN_EXIT, runRequests } from '../agent/run-requests.js';
import type { ToolSource } from '../agent/tool-source.js';

interface RunCommandOptions {
  file?: string;
  json?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  approve?: string;
  model?: string;
}

/**
 * What the run, mcp and chat commands need from the process: streams, environment, a
 * terminal check and where the exit code goes. The CLI's runtime supplies it; tests pass
 * their own.
 */
export interface CommandIo {
  write: (text: string) => void;
  writeError: (text: string) => void;
  env: Record<string, string | undefined>;
  /** True when a person can answer (stdin and the output are terminals). */
  interactive: () => boolean;
  setExit: (code: number) => void;
}

/** The process itself. */
export const processIo: CommandIo = {
  write: (text) => void process.stdout.write(text),
  writeError: (text) => void process.stderr.write(text),
  env: process.env,
  interactive: () => Boolean(process.stdin.isTTY && process.stdout.isTTY),
  setExit: (code) => {
    process.exitCode = code;
  },
};

/** Registers `run` on `program`; `loadTools` supplies the tools and their deps. */
export function registerRunCommand(
  program: Command,
  loadTools: ToolSource<Command>,
  io: CommandIo = processIo,
): Command {
  return program
    .command('run')
    .description('run one request ("scale backend to 3") or a prompt file, without the chat')
    .argument('[request...]', 'what to do, in words')
    .option('-f, --file <path>', 'run each line of a prompt file in order (# starts a comment)')
    .option('--json', 'print a JSON report instead of text')
    .option('--dry-run', 'print the planned tool calls and run nothing')
    .option('-y, --yes', 'apply the changes the request states itself, without asking')
    .option(
      '--approve <tools>',
      'apply changes by these tools (comma-separated, e.g. scale,restart) even when the model proposes them; never a destructive change',
    )
    .option('--model <name>', 'model to use (default $TODO_OPS_MODEL)')
    .addHelpText(
      'after',
      '\nExit codes: 0 done, 1 a tool or the model failed, 2 nothing to run or no model for the request, 3 a change needs --yes.',
    )
    .action(async (words: string[], _local: RunCommandOptions, command: Command) => {
      // --json and --yes may also be global options of the root program: read both levels.
      const options = command.optsWithGlobals<RunCommandOptions>();
      const { write, writeError } = io;
      let requests: string[];
      if (options.file && words.length) {
        writeError('todo-ops run: give a request or --file, not both\n');
        io.setExit(RUN_EXIT.usage);
        return;
      }
      if (options.file) {
        try {
          requests = parsePromptFile(readFileSync(options.file, 'utf8'));
        } catch (error) {
          writeError(
            `todo-ops run: cannot read ${options.file}: ${error instanceof Error ? error.message : String(error)}\n`,
          );
          io.setExit(RUN_EXIT.usage);
          return;
        }
      } else requests = words.length ? [words.join(' ')] : [];
      if (!requests.length) {
        writeError('todo-ops run: nothing to run (try: todo-ops run "show pods")\n');
        io.setExit(RUN_EXIT.usage);
        return;
      }
      const approve = (options.approve ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
      const toolSet = await loadTools(command);
      const known = new Set(toolSet.tools.map((tool) => tool.name));
      const unknown = approve.filter((name) => !known.has(name));
      const destructive = toolSet.tools
        .filter((tool) => approve.includes(tool.name) && tool.effect === 'destructive')
        .map((tool) => tool.name);
      if (destructive.length) {
        writeError(
          `todo-ops run: --approve never covers a destructive change (${destructive.join(', ')}): run it yourself, e.g. todo-ops ${destructive[0]?.replace(/_/g, '-')} --yes\n`,
        );
        io.setExit(RUN_EXIT.usage);
        return;
      }
      if (unknown.length) {
        writeError(
          `todo-ops run: --approve names no such tool: ${unknown.join(', ')} (tools: ${[...known].join(', ')})\n`,
        );
        io.setExit(RUN_EXIT.usage);
        return;
      }
      const settings = modelSettingsFromEnv(io.env);
      if (options.model) settings.model = options.model;
      const client = createModelClient(settings);
      const controller = new AbortController();
      const onInterrupt = () => controller.abort();
      process.once('SIGINT', onInterrupt);
      try {
        io.setExit(
          await runRequests({
            requests,
            json: options.json === true,
            dryRun: options.dryRun === true,
            yes: options.yes === true,
            approve,
            toolSet,
            ...(client ? { client } : {}),
            settings,
            systemPrompt: loadSystemPrompt(),
            write,
            writeError,
            signal: controller.signal,
          }),
        );
      } finally {
        process.off('SIGINT', onInterrupt);
      }
    });
}
