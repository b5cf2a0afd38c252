/**
 * Every `todo-ops` command shown in README.md and docs/ parses with the real command tree:
 * a page that names a subcommand, a flag or a choice the CLI does not have fails here.
 * Commands are taken from shell code blocks and from inline code that starts with
 * `todo-ops`, then parsed by `buildProgram()` with every action replaced by a recorder, so
 * nothing touches a cluster.
 */
import { type Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/index.js';
import { processRuntime } from '../../src/cli/runtime.js';
import { codeBlocks, docFiles, read, withoutFences } from './markdown.js';

const SHELL_LANGS = new Set(['', 'sh', 'bash', 'shell', 'console', 'zsh']);

/** Splits a shell line into words and operators (quotes, `$(...)`, comments). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  const push = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      word = (word ?? '') + line.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? line.length : end;
    } else if (c === '$' && line[i + 1] === '(') {
      let depth = 0;
      let j = i + 1;
      for (; j < line.length; j++) {
        if (line[j] === '(') depth++;
        else if (line[j] === ')' && --depth === 0) break;
      }
      word = (word ?? '') + line.slice(i, j + 1);
      i = j;
    } else if (/\s/.test(c)) {
      push();
    } else if (c === '#' && word === undefined) {
      break;
    } else if ('|&;'.includes(c)) {
      push();
      words.push(line[i + 1] === c ? c + c : c);
      if (line[i + 1] === c) i++;
    } else {
      word = (word ?? '') + c;
    }
  }
  push();
  return words;
}

/** The argument lists of the `todo-ops` invocations in one shell line. */
function todoOpsInvocations(line: string): string[][] {
  const out: string[][] = [];
  let simple: string[] = [];
  const flush = () => {
    let words = simple;
    while (words[0] && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words = words.slice(1);
    if (words[0] === 'npx') words = words.slice(1).filter((w, i) => !(i === 0 && w === '-y'));
    if (words[0] === 'todo-ops') out.push(words.slice(1));
    simple = [];
  };
  for (const word of shellWords(line)) {
    if (['|', '||', '&', '&&', ';'].includes(word)) flush();
    else simple.push(word);
  }
  flush();
  return out;
}

/** A command found in a page. */
interface Example {
  where: string;
  args: string[];
  /** Inline code in a sentence: a bare subcommand name is a mention, not a command line. */
  mention: boolean;
}

/** Every `todo-ops` invocation in a markdown text. */
function examples(file: string, markdown: string): Example[] {
  const found: Example[] = [];
  for (const block of codeBlocks(markdown)) {
    if (!SHELL_LANGS.has(block.lang)) continue;
    const lines = block.lines.join('\n').replace(/\\\n/g, ' ').split('\n');
    for (const raw of lines) {
      const line = raw.replace(/^\s*\$ /, '');
      for (const args of todoOpsInvocations(line))
        found.push({ where: `${file}:${block.line} ${line.trim()}`, args, mention: false });
    }
  }
  // Inline code such as `todo-ops scale backend 3` (placeholders like <topic> are skipped).
  for (const m of withoutFences(markdown).matchAll(/`(todo-ops(?: [^`]*)?)`/g)) {
    const code = m[1] ?? '';
    if (/[<>]|\.\.\./.test(code)) continue;
    for (const args of todoOpsInvocations(code))
      found.push({ where: `${file}: \`${code}\``, args, mention: true });
  }
  return found;
}

/** Every command of a tree, the root included. */
function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

/** The first word of `args` that is not an option or an option's value: the subcommand. */
function subcommandWord(program: Command, args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('-')) return arg;
    const option = program.options.find((o) => o.short === arg || o.long === arg);
    if (option && (option.required || option.optional) && !arg.includes('=')) i++;
  }
  return undefined;
}

/**
 * Parses `args` with the real command tree and returns the problem, or undefined when the
 * command line is valid. Actions are replaced, so nothing runs. With `mention`, a bare
 * subcommand name (`todo-ops scale` in a sentence) only has to exist.
 */
async function parseProblem(args: string[], { mention = false } = {}): Promise<string | undefined> {
  const errors: string[] = [];
  const sink = { write: (text: string) => errors.push(text) };
  const quiet = { write: () => true };
  const program = buildProgram({
    ...processRuntime(),
    stdout: quiet,
    stderr: sink,
    interactive: false,
  });
  const named = subcommandWord(program, args);
  const sub = program.commands.find((c) => c.name() === named || c.aliases().includes(named ?? ''));
  if (named !== undefined && !sub) return `todo-ops has no subcommand "${named}"`;
  if (mention && sub && args.length === 1) return undefined;
  let ran: Command | undefined;
  for (const command of allCommands(program)) {
    command.exitOverride();
    command.configureOutput({ writeOut: () => {}, writeErr: (s) => errors.push(s) });
    // The root has no action of its own when it has subcommands (chat is the default one).
    if (command !== program || command.commands.length === 0)
      command.action(function (this: Command) {
        ran = this;
      });
  }
  try {
    await program.parseAsync(['node', 'todo-ops', ...args]);
  } catch (error) {
    if (
      error instanceof CommanderError &&
      ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)
    )
      return undefined;
    return error instanceof Error ? error.message : String(error);
  }
  if (sub && ran !== sub) return `parsed as ${ran?.name() ?? 'nothing'}, not ${named}`;
  return undefined;
}

describe('todo-ops commands in README and docs', () => {
  const all = docFiles().flatMap((file) => examples(file, read(file)));

  it('finds the examples', () => {
    expect(all.length).toBeGreaterThan(20);
  });

  it.each(all.map((e) => [e.where, e] as const))('%s', async (_where, example) => {
    expect(await parseProblem(example.args, { mention: example.mention })).toBeUndefined();
  });
});

describe('command checker', () => {
  it('extracts todo-ops invocations from shell lines', () => {
    expect(todoOpsInvocations('export X=1 && npx -y todo-ops scale backend 3 --yes # now')).toEqual(
      [['scale', 'backend', '3', '--yes']],
    );
    expect(
      todoOpsInvocations(`TOKEN=x todo-ops deploy --set a="$(openssl rand -hex 8)" | cat`),
    ).toEqual([['deploy', '--set', 'a=$(openssl rand -hex 8)']]);
    expect(todoOpsInvocations('helm upgrade todo-app charts/todo-app')).toEqual([]);
  });

  it('accepts real commands and rejects made-up ones', async () => {
    expect(await parseProblem(['scale', 'backend', '3', '--yes'])).toBeUndefined();
    expect(await parseProblem(['--help'])).toBeUndefined();
    expect(await parseProblem(['scale', 'backend', '3', '--replicas-max', '4'])).toMatch(
      /unknown option/,
    );
    expect(await parseProblem(['make-coffee'])).toMatch(/no subcommand "make-coffee"/);
    expect(await parseProblem(['make-coffee'], { mention: true })).toBeDefined();
    expect(await parseProblem(['scale'])).toBeDefined();
    expect(await parseProblem(['scale'], { mention: true })).toBeUndefined();
    expect(await parseProblem(['-n', 'todo', '--context', 'minikube', 'status'])).toBeUndefined();
    expect(await parseProblem(['logs', 'backend', '--tail', '50', '--previous'])).toBeUndefined();
    expect(await parseProblem(['hosts-entry', 'show', '--yes'])).toBeUndefined();
    expect(await parseProblem(['hosts-entry', 'show', 'extra', 'words'])).toBeDefined();
    expect(await parseProblem(['events', '--warnings-only', '--since', '5m'])).toMatch(
      /unknown option/,
    );
  });
});
