/**
 * Start-up of every door, side by side with a baseline measured in the same run:
 *
 * - `todo-ops --version` and `todo-ops run "show pods" --dry-run --json` against `node -e ''`
 *   (goal: at most 3x);
 * - `todo-ops mcp` from spawn to its `tools/list` answer against mcp-server-kubernetes (goal:
 *   at most 1/3 of it) and the kubernetes-mcp-server binary (goal: no slower);
 * - the chat, from launch in tmux to the prompt on screen, against a bare `node` prompt
 *   launched the same way.
 *
 *   npm run build:cli && node --import tsx bench/start/run.ts [--rounds N] [--no-peers] [--no-chat]
 *     [--before DIR]
 *
 * `--before DIR` times another build of the CLI in the same loop, alternating with this one
 * (`node scripts/build-cli.mjs DIR` in a checkout of the code to compare with; DIR inside a
 * todo-ops checkout, where the build finds its package.json), so a change is measured against
 * what it replaces under the same load rather than against old figures.
 *
 * Runs alternate (A B C A B C ...) so drift in the machine's load hits all alike; figures are
 * medians of wall time, ratios are medians of the per-round ratios. The peers come from npm
 * (resolved once with npx, outside the timing; kubernetes-mcp-server's own Go binary from its
 * platform package, or $KUBERNETES_MCP_SERVER). KUBECONFIG points all at the same cluster;
 * without one they get a kubeconfig whose server refuses connections (tools/list needs no
 * cluster).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { hasTmux, tmuxServer } from '../../test/support/tmux.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const ROUNDS = option('--rounds', 15);
const MCP_ROUNDS = option('--mcp-rounds', 7);
const CHAT_ROUNDS = option('--chat-rounds', 7);

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/todo-ops.js');
if (!existsSync(join(root, 'dist/cli/main.js')))
  execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: root, stdio: 'inherit' });

const scratch = mkdtempSync(join(tmpdir(), 'todo-ops-bench-start-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** The build to compare with (`--before DIR`), started exactly as bin/todo-ops.js starts ours. */
const beforeAt = args.indexOf('--before');
let beforeBin: string | undefined;
if (beforeAt >= 0) {
  const dir = resolve(args[beforeAt + 1] ?? '');
  if (!existsSync(join(dir, 'main.js'))) throw new Error(`--before: no main.js in ${dir}`);
  beforeBin = join(scratch, 'todo-ops-before.mjs');
  const launcher = readFileSync(bin, 'utf8');
  const bundle = "new URL('../dist/cli/main.js', import.meta.url)";
  if (!launcher.includes(bundle)) throw new Error(`bin/todo-ops.js no longer loads ${bundle}`);
  writeFileSync(
    beforeBin,
    launcher.replace(
      bundle,
      `new URL(${JSON.stringify(pathToFileURL(join(dir, 'main.js')).href)})`,
    ),
  );
}
let kubeconfig = process.env.KUBECONFIG;
if (!kubeconfig) {
  kubeconfig = join(scratch, 'kubeconfig.yaml');
  writeFileSync(
    kubeconfig,
    'apiVersion: v1\nkind: Config\nclusters: [{ name: c, cluster: { server: "https://127.0.0.1:1" } }]\n' +
      'contexts: [{ name: kind-bench, context: { cluster: c, user: u } }]\ncurrent-context: kind-bench\n' +
      'users: [{ name: u, user: { token: bench } }]\n',
  );
}
const env: Record<string, string> = {};
for (const [key, value] of Object.entries(process.env))
  if (value !== undefined && !/^(OPENAI_|TODO_OPS_)/.test(key)) env[key] = value;
env.KUBECONFIG = kubeconfig;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const ms = (value: number) => Math.round(value * 10) / 10;

/** Wall time of one run of a command to its exit, in ms. */
function timeCommand(command: string, commandArgs: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, commandArgs, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(performance.now() - started)
        : reject(new Error(`${command} exited ${code}`)),
    );
  });
}

/** Wall time from spawn to the `tools/list` answer over stdio, in ms; also the tool count. */
function timeToolsList(
  command: string,
  commandArgs: string[],
): Promise<{ ms: number; tools: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, commandArgs, { env, stdio: ['pipe', 'pipe', 'ignore'] });
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command}: no tools/list answer in 60 s`));
    }, 60_000);
    child.on('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
        if (!line.startsWith('{')) continue;
        const message = JSON.parse(line) as { id?: number; result?: { tools?: unknown[] } };
        if (message.id === 1) {
          send({ jsonrpc: '2.0', method: 'notifications/initialized' });
          send({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} });
        } else if (message.id === 2) {
          const elapsed = performance.now() - started;
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve({ ms: elapsed, tools: message.result?.tools?.length ?? 0 });
        }
      }
    });
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'bench-start', version: '0' },
      },
    });
  });
}

/** Runs the commands in turn, `rounds` times; medians and per-round ratios to the first. */
async function sideBySide<T extends string>(
  rounds: number,
  commands: Record<T, () => Promise<number>>,
): Promise<Record<T, { medianMs: number; ratio: number }>> {
  const names = Object.keys(commands) as T[];
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
    T,
    number[]
  >;
  for (const name of names) await commands[name](); // warm-up: page cache, compile cache
  for (let round = 0; round < rounds; round++)
    for (const name of names) times[name].push(await commands[name]());
  const base = names[0] as T;
  return Object.fromEntries(
    names.map((name) => [
      name,
      {
        medianMs: ms(median(times[name])),
        ratio:
          Math.round(median(times[name].map((t, i) => t / (times[base][i] ?? NaN))) * 100) / 100,
      },
    ]),
  ) as Record<T, { medianMs: number; ratio: number }>;
}

const load = () => loadavg().map((value) => Math.round(value * 100) / 100);
const report: Record<string, unknown> = {
  node: process.version,
  // 1, 5 and 15 minute load averages when the run started (and, below, when it ended).
  loadAverageAtStart: load(),
  kubeconfig: process.env.KUBECONFIG ? 'from KUBECONFIG' : 'refusing stand-in (no cluster)',
};

// 1. CLI commands against a bare node.
const DRY_RUN = ['run', 'show pods', '--dry-run', '--json'];
const cliCommands: Record<string, () => Promise<number>> = {
  "node -e ''": () => timeCommand(process.execPath, ['-e', '']),
  'todo-ops --version': () => timeCommand(process.execPath, [bin, '--version']),
  'todo-ops run "show pods" --dry-run --json': () =>
    timeCommand(process.execPath, [bin, ...DRY_RUN]),
};
if (beforeBin) {
  const before = beforeBin;
  cliCommands['before: todo-ops --version'] = () =>
    timeCommand(process.execPath, [before, '--version']);
  cliCommands['before: todo-ops run "show pods" --dry-run --json'] = () =>
    timeCommand(process.execPath, [before, ...DRY_RUN]);
}
report.cli = await sideBySide(ROUNDS, cliCommands);

// 2. MCP cold start to tools/list, against the peers.
const peerBin = (pkg: string, name: string): string | undefined => {
  try {
    const wrapper = execFileSync('npx', ['-y', '-p', pkg, 'which', name], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    // kubernetes-mcp-server's npm bin is a node wrapper around a Go binary shipped in a
    // platform package: time the binary itself, as it is run from a release.
    const platform = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;
    const native = join(
      dirname(wrapper),
      '..',
      `${name}-${platform}`,
      'bin',
      `${name}-${platform}`,
    );
    return existsSync(native) ? native : wrapper;
  } catch {
    return undefined;
  }
};
const mcpServers: Record<string, { command: string; args: string[] }> = {
  'todo-ops mcp': { command: process.execPath, args: [bin, 'mcp'] },
  ...(beforeBin
    ? { 'before: todo-ops mcp': { command: process.execPath, args: [beforeBin, 'mcp'] } }
    : {}),
};
if (!args.includes('--no-peers')) {
  const npmPeer = peerBin('mcp-server-kubernetes@4.1.7', 'mcp-server-kubernetes');
  if (npmPeer) mcpServers['mcp-server-kubernetes 4.1.7'] = { command: npmPeer, args: [] };
  const goPeer =
    process.env.KUBERNETES_MCP_SERVER ??
    peerBin('kubernetes-mcp-server@0.0.67', 'kubernetes-mcp-server');
  if (goPeer) mcpServers['kubernetes-mcp-server (Go binary)'] = { command: goPeer, args: [] };
}
const toolCounts: Record<string, number> = {};
report.mcpToolsList = await sideBySide(
  MCP_ROUNDS,
  Object.fromEntries(
    Object.entries(mcpServers).map(([name, server]) => [
      name,
      async () => {
        const result = await timeToolsList(server.command, server.args);
        toolCounts[name] = result.tools;
        return result.ms;
      },
    ]),
  ),
);
report.mcpToolCounts = toolCounts;

// 3. Chat: launch in tmux to the prompt on screen, against a bare node prompt.
if (!args.includes('--no-chat') && hasTmux) {
  const server = tmuxServer('todo-ops-bench');
  const env = { KUBECONFIG: kubeconfig, OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };
  const timeToPrompt = async (command: string, ready: string): Promise<number> => {
    const started = performance.now();
    const session = server.start(command, { cwd: scratch, env });
    for (;;) {
      if (session.screen().includes(ready)) break;
      if (performance.now() - started > 60_000) throw new Error(`no prompt from: ${command}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const elapsed = performance.now() - started;
    session.kill();
    return elapsed;
  };
  server.start('sleep 86400', { cwd: scratch }); // one server for the whole run
  const bare = join(scratch, 'prompt.mjs');
  writeFileSync(
    bare,
    "process.stdin.setRawMode(true); process.stdout.write('> bare prompt\\n'); process.stdin.once('data', () => process.exit(0));\n",
  );
  report.chatToPrompt = await sideBySide(CHAT_ROUNDS, {
    'node prompt in tmux': () => timeToPrompt(`${process.execPath} ${bare}`, 'bare prompt'),
    'todo-ops chat in tmux': () =>
      timeToPrompt(`${process.execPath} ${bin} chat`, 'try: show pods'),
  });
  server.stop();
}

// The ratios the goals are stated in, from the same rounds.
type Figures = Record<string, { medianMs: number; ratio: number }>;
const cli = report.cli as Figures;
const mcp = report.mcpToolsList as Figures;
const goals: Record<string, string> = {
  "todo-ops --version / node -e '' (goal <= 3)": `${cli['todo-ops --version']?.ratio}`,
  "todo-ops run --dry-run / node -e '' (goal <= 3)": `${cli['todo-ops run "show pods" --dry-run --json']?.ratio}`,
};
if (beforeBin) {
  goals["before: todo-ops --version / node -e ''"] = `${cli['before: todo-ops --version']?.ratio}`;
  goals["before: todo-ops run --dry-run / node -e ''"] =
    `${cli['before: todo-ops run "show pods" --dry-run --json']?.ratio}`;
}
for (const [peer, goal] of [
  ['mcp-server-kubernetes 4.1.7', '<= 0.33'],
  ['kubernetes-mcp-server (Go binary)', '<= 1'],
] as const) {
  const ratio = mcp[peer]?.ratio;
  if (ratio) goals[`todo-ops mcp / ${peer} (goal ${goal})`] = (1 / ratio).toFixed(2);
}
if (report.chatToPrompt) {
  const chat = report.chatToPrompt as Figures;
  goals['todo-ops chat to prompt, ms (tmux)'] = `${chat['todo-ops chat in tmux']?.medianMs}`;
}
report.goals = goals;
report.loadAverageAtEnd = load();

process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
