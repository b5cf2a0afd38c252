/**
 * One subcommand per tool, generated from the registry: the tool's zod schema gives the
 * options, its own `positionals` the arguments. Each call goes through the one call
 * pipeline; this door asks on the terminal, or takes `--yes`, and prints text or JSON.
 */
import { type Command, Option } from 'commander';
import { z } from 'zod';
import type { OpsTool } from '../../tools/deps.js';
import { allTools } from '../../tools/registry.js';
import { auditHook } from '../agent/audit.js';
import { commandName, flagName, shellWord } from '../agent/calls.js';
import { executeCall } from '../agent/pipeline.js';
import { askOnTerminal } from './confirm.js';
import { CliExit, type CliRuntime, configFor, EXIT, globalOptions } from './runtime.js';

interface JsonProp {
  type?: string;
  enum?: unknown[];
  description?: string;
  default?: unknown;
}

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

/** The command line as the person typed it (the audit log's request). */
function typedCommand(command: Command): string {
  let root = command;
  while (root.parent) root = root.parent;
  // Commander keeps the argv it parsed; it is not in its typings.
  const words = (root as unknown as { rawArgs?: string[] }).rawArgs?.slice(2) ?? [];
  return ['todo-ops', ...words.map(shellWord)].join(' ');
}

/** Runs one tool with CLI conventions through the call pipeline; returns the exit code. */
export async function runToolFromCli(
  tool: OpsTool,
  rawInput: Record<string, unknown>,
  command: Command,
  runtime: CliRuntime,
): Promise<number> {
  const opts = globalOptions(command);
  const config = configFor(command, runtime);
  const deps = runtime.makeDeps(config);
  const scope = () => {
    let context = config.context ?? '(current context)';
    try {
      context = deps.kube.contextName;
    } catch {
      // no usable kubeconfig: the tool reports it properly when it runs
    }
    return `${config.namespace}/${config.release} (context ${context})`;
  };
  const audit = auditHook(deps, 'cli', typedCommand(command));
  const outcome = await executeCall(
    tool,
    rawInput,
    // The person typed this very call.
    'user',
    {
      approval: {
        standing: opts.yes === true,
        ask: (call) => askOnTerminal(runtime, call, scope()),
        howToApprove: 'no terminal to confirm on; pass --yes to proceed',
      },
    },
    {
      deps,
      onProgress: (update) => runtime.stderr.write(`  … ${update.message}\n`),
      ...(audit ? { audit } : {}),
    },
  );
  const ok = outcome.status === 'ok';
  if (opts.json && outcome.result) {
    // The plan the change ran under, with its result (absent when none could be made).
    const plan = outcome.call.preview;
    runtime.stdout.write(
      `${JSON.stringify(plan ? { ...outcome.result, plan } : outcome.result, null, 2)}\n`,
    );
  } else if (opts.json && outcome.unchanged)
    runtime.stdout.write(
      `${JSON.stringify({ ok: true, summary: outcome.text, unchanged: true, plan: outcome.call.preview }, null, 2)}\n`,
    );
  else (ok ? runtime.stdout : runtime.stderr).write(`${outcome.text}\n`);
  if (ok) return EXIT.ok;
  if (outcome.declined === 'unconfirmed') return EXIT.needsConfirmation;
  if (outcome.declined === 'said-no') {
    runtime.stderr.write('cancelled: nothing was changed\n');
    return EXIT.failed;
  }
  return outcome.result && !outcome.result.ok && outcome.result.error.kind === 'invalid_input'
    ? EXIT.usage
    : EXIT.failed;
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
  const positional: readonly string[] = (tool.positionals ?? []).filter((f) => f in props);
  const name = commandName(tool.name);
  const cmd = program.command(name).summary(tool.title).description(tool.description);
  if (name !== tool.name) cmd.alias(tool.name);
  for (const field of positional) {
    const prop = props[field];
    const label = required.has(field) ? `<${field}>` : `[${field}]`;
    const choices = prop?.enum ? ` (${prop.enum.join('|')})` : '';
    cmd.argument(label, `${prop?.description ?? field}${choices}`);
  }
  // Where commander keeps each field's value: a `--no-x` flag (field `noX`) is negatable in
  // commander, which stores `x` (true by default, false when given).
  const attributes = new Map<string, { name: string; negate: boolean }>();
  for (const [field, prop] of Object.entries(props)) {
    if (positional.includes(field)) continue;
    const flag = `--${flagName(field)}`;
    let option: Option;
    if (prop.type === 'boolean') option = new Option(flag, prop.description);
    else if (prop.type === 'object')
      option = new Option(`${flag} <key=value...>`, prop.description);
    else
      option = new Option(`${flag} <${prop.type === 'integer' ? 'n' : 'value'}>`, prop.description);
    if (prop.enum) option.choices(prop.enum.map(String));
    if (required.has(field)) option.makeOptionMandatory();
    attributes.set(field, { name: option.attributeName(), negate: option.negate });
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
      const { name, negate } = attributes.get(field) ?? { name: field, negate: false };
      if (negate) {
        if (opts[name] === false) raw[field] = true;
      } else if (opts[name] !== undefined) raw[field] = coerce(props[field], opts[name]);
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
