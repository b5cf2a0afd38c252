/**
 * One subcommand per tool, generated from the registry: zod schema -> positional
 * arguments and options, validated by the same schema, confirmed before write and
 * destructive effects, rendered as text or JSON.
 */
import { type Command, Option } from 'commander';
import { z } from 'zod';
import type { ToolProgress, ToolResult } from '../../tools/contract.js';
import type { OpsTool } from '../../tools/deps.js';
import type { ToolName } from '../../tools/names.js';
import { redactText } from '../../tools/redact.js';
import { allTools } from '../../tools/registry.js';
import { formatResult } from '../../tools/result-format.js';
import { confirmOrExit, needsConfirmation } from './confirm.js';
import { CliExit, type CliRuntime, configFor, EXIT, globalOptions } from './runtime.js';

/** Fields taken as positional arguments, in order (`todo-ops scale backend 3`). */
export const POSITIONALS: Partial<Record<ToolName, string[]>> = {
  scale: ['component', 'replicas'],
  logs: ['component'],
  events: ['component'],
  diagnose: ['component'],
  restart: ['component'],
  rollback: ['revision'],
  build_images: ['component'],
  hosts_entry: ['action'],
  guide: ['topic'],
};

interface JsonProp {
  type?: string;
  enum?: unknown[];
  description?: string;
  default?: unknown;
}

/** `build_images` -> `build-images`. */
export const commandName = (toolName: string): string => toolName.replace(/_/g, '-');
const kebab = (field: string): string => field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Turns CLI strings into the types the schema expects; leaves bad ones for zod to report. */
function coerce(prop: JsonProp | undefined, value: unknown): unknown {
  if (value === undefined || prop === undefined) return value;
  if ((prop.type === 'integer' || prop.type === 'number') && typeof value === 'string') {
    return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  }
  if (prop.type === 'object' && Array.isArray(value)) {
    const record: Record<string, string> = {};
    for (const pair of value as string[]) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new CliExit(EXIT.usage, `expected key=value, got "${pair}"`);
      record[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    return record;
  }
  return value;
}

/** Human text for zod issues. */
function issuesText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
}

/** A one-line description of what a confirmed call will do. */
function describeCall(tool: OpsTool, input: Record<string, unknown>, scope: string): string {
  const args = Object.entries(input)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' ');
  const verb = tool.effect === 'destructive' ? 'DESTRUCTIVE: ' : '';
  return `${verb}${tool.title.toLowerCase()}${args ? ` (${args})` : ''} on ${scope}?`;
}

/** Runs one tool with CLI conventions; returns the exit code. */
export async function runToolFromCli(
  tool: OpsTool,
  rawInput: Record<string, unknown>,
  command: Command,
  runtime: CliRuntime,
): Promise<number> {
  const parsed = tool.input.safeParse(rawInput);
  if (!parsed.success)
    throw new CliExit(
      EXIT.usage,
      `invalid arguments for ${commandName(tool.name)}: ${issuesText(parsed.error)}`,
    );
  const input = parsed.data as Record<string, unknown>;
  const opts = globalOptions(command);
  const config = configFor(command, runtime);
  const deps = runtime.makeDeps(config);
  if (needsConfirmation(tool, input)) {
    let context = config.context ?? '(current context)';
    try {
      context = deps.kube.contextName;
    } catch {
      // no usable kubeconfig: the tool reports it properly after confirmation
    }
    await confirmOrExit(
      runtime,
      describeCall(tool, input, `${config.namespace}/${config.release} (context ${context})`),
      opts.yes,
    );
  }
  const progress = (update: ToolProgress) => {
    runtime.stderr.write(`  … ${redactText(update.message)}\n`);
  };
  const result: ToolResult = await tool.run(input, { deps, progress });
  if (opts.json) runtime.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else
    (result.ok ? runtime.stdout : runtime.stderr).write(
      `${formatResult(commandName(tool.name), result)}\n`,
    );
  if (result.ok) return EXIT.ok;
  return result.error.kind === 'invalid_input' ? EXIT.usage : EXIT.failed;
}

/** Adds the subcommand of one tool. */
export function registerToolCommand(
  program: Command,
  tool: OpsTool,
  runtime: CliRuntime,
  setExit: (code: number) => void,
): Command {
  const schema = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonProp>;
    required?: string[];
  };
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const positional = (POSITIONALS[tool.name as ToolName] ?? []).filter((f) => f in props);
  const name = commandName(tool.name);
  const cmd = program.command(name).summary(tool.title).description(tool.description);
  if (name !== tool.name) cmd.alias(tool.name);
  for (const field of positional) {
    const prop = props[field];
    const label = required.has(field) ? `<${field}>` : `[${field}]`;
    const choices = prop?.enum ? ` (${prop.enum.join('|')})` : '';
    cmd.argument(label, `${prop?.description ?? field}${choices}`);
  }
  for (const [field, prop] of Object.entries(props)) {
    if (positional.includes(field)) continue;
    const flag = `--${kebab(field)}`;
    let option: Option;
    if (prop.type === 'boolean') option = new Option(flag, prop.description);
    else if (prop.type === 'object')
      option = new Option(`${flag} <key=value...>`, prop.description);
    else
      option = new Option(`${flag} <${prop.type === 'integer' ? 'n' : 'value'}>`, prop.description);
    if (prop.enum) option.choices(prop.enum.map(String));
    if (required.has(field)) option.makeOptionMandatory();
    cmd.addOption(option);
  }
  cmd.action(async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const opts = command.opts<Record<string, unknown>>();
    const raw: Record<string, unknown> = {};
    positional.forEach((field, i) => {
      if (args[i] !== undefined) raw[field] = coerce(props[field], args[i]);
    });
    for (const field of Object.keys(props)) {
      if (positional.includes(field)) continue;
      if (opts[field] !== undefined) raw[field] = coerce(props[field], opts[field]);
    }
    setExit(await runToolFromCli(tool, raw, command, runtime));
  });
  return cmd;
}

/** Adds a subcommand for every registered tool. */
export function registerToolCommands(
  program: Command,
  runtime: CliRuntime,
  setExit: (code: number) => void,
): void {
  for (const tool of allTools()) registerToolCommand(program, tool, runtime, setExit);
}
