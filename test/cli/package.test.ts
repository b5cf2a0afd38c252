/**
 * The CLI as users get it: the bundle (scripts/build-cli.mjs) and the npm package made from
 * it. Each command loads only what it needs, so `--version`, `--help`, `mcp` and
 * `run --dry-run` start fast; and the packed package installs and runs outside this
 * repository, saying clearly what it cannot do without the app's sources.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_NAMES } from '../../tools/names.js';
import { TOOL_BUILT_CHANNEL } from '../../tools/registry.js';
import { buildCli, type CliBuild, packageOf } from '../support/cli-build.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const recorder = fileURLToPath(new URL('../support/module-recorder.mjs', import.meta.url));
const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  version: string;
};
/** What only the chat, a model call or a cluster call may load. */
const HEAVY = ['ink', 'react', 'react-reconciler', 'openai', '@kubernetes/client-node'];
/** What only a change's plan may load (the manifest parser and the diff). */
const PLAN = ['yaml', 'microdiff'];

let build: CliBuild;
let scratch: string;
/** A kubeconfig whose cluster refuses connections: commands fail fast, but really connect. */
let kubeconfig: string;

beforeAll(() => {
  build = buildCli();
  scratch = mkdtempSync(join(tmpdir(), 'todo-ops-package-'));
  kubeconfig = join(scratch, 'kubeconfig.yaml');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{ name: c, cluster: { server: "https://127.0.0.1:1" } }]',
      'contexts: [{ name: kind-test, context: { cluster: c, user: u } }]',
      'current-context: kind-test',
      'users: [{ name: u, user: { token: not-a-secret } }]',
      '',
    ].join('\n'),
  );
}, 120_000);

afterAll(() => {
  build?.remove();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** An environment without model settings, pointing at the refusing cluster. */
const cleanEnv = (extra: Record<string, string> = {}): Record<string, string> => {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined && !/^(OPENAI_|TODO_OPS_)/.test(key)) env[key] = value;
  return { ...env, KUBECONFIG: kubeconfig, ...extra };
};

let listCount = 0;
/** Runs the built CLI with the module recorder; returns its output and the npm packages it loaded. */
function runRecorded(args: string[]) {
  const list = join(scratch, `loaded-${listCount++}.txt`);
  const result = spawnSync(process.execPath, ['--import', recorder, build.bin, ...args], {
    cwd: scratch,
    encoding: 'utf8',
    env: cleanEnv({ TODO_OPS_LOADED_MODULES_FILE: list }),
  });
  return { ...result, packages: loadedPackages(list) };
}

/** The source files behind the module files a process has loaded so far (bundle files via the metafile). */
function loadedSources(list: string): Set<string> {
  const dist = join(build.dir, 'dist/cli') + sep;
  const loaded = new Set<string>();
  const urls = readFileSync(list, 'utf8').split('\n').filter(Boolean);
  for (const url of urls) {
    const path = fileURLToPath(url);
    const sources = path.startsWith(dist) ? build.outputs[path.slice(dist.length)] : [path];
    expect(sources, `${path} is not in the bundle's metafile`).toBeDefined();
    for (const source of sources ?? []) loaded.add(source);
  }
  return loaded;
}

/** The npm packages of these source files. */
function sourcePackages(sources: Iterable<string>): Set<string> {
  const packages = new Set<string>();
  for (const source of sources) {
    const name = packageOf(source);
    if (name) packages.add(name);
  }
  return packages;
}

/** The npm packages behind the module files a process loaded. */
const loadedPackages = (list: string): Set<string> => sourcePackages(loadedSources(list));

describe('what each command loads', () => {
  it('--version prints the version before the command tree loads', () => {
    for (const flag of ['--version', '-v']) {
      const run = runRecorded([flag]);
      expect(run.stdout).toBe(`${version}\n`);
      expect(run.status).toBe(0);
      for (const name of [...HEAVY, '@modelcontextprotocol/sdk', 'commander', 'zod'])
        expect(run.packages).not.toContain(name);
    }
    // With anything else on the line, the command tree answers, with the same text.
    const full = runRecorded(['--namespace', 'todo', '--version']);
    expect(full.stdout).toBe(`${version}\n`);
    expect(full.packages).toContain('commander');
  });

  it('--help lists every tool subcommand and loads none of them', () => {
    const run = runRecorded(['--help']);
    expect(run.stdout).toContain('Usage: todo-ops');
    expect(run.stdout).toMatch(/scale <component> <replicas>/);
    expect(run.stdout).toMatch(/build-images/);
    for (const name of [...HEAVY, '@modelcontextprotocol/sdk'])
      expect(run.packages).not.toContain(name);
  });

  it('run --dry-run routes the request without loading the heavy parts', () => {
    const run = runRecorded(['run', 'show pods', '--dry-run', '--json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ routed: true, calls: [{ tool: 'status' }] });
    for (const name of [...HEAVY, ...PLAN]) expect(run.packages).not.toContain(name);
  });

  it('run --dry-run and a tool subcommand build their tool alone; --help builds them all', () => {
    // The registry announces each tool it builds (its module run, its schemas made).
    const probe = join(scratch, 'tool-built-probe.mjs');
    writeFileSync(
      probe,
      `import { subscribe } from 'node:diagnostics_channel';
import { appendFileSync } from 'node:fs';
subscribe(${JSON.stringify(TOOL_BUILT_CHANNEL)}, ({ name }) =>
  appendFileSync(process.env.TODO_OPS_BUILT_TOOLS_FILE, name + '\\n'));
`,
    );
    const builtBy = (args: string[]) => {
      const list = join(scratch, `built-${listCount++}.txt`);
      writeFileSync(list, '');
      const result = spawnSync(process.execPath, ['--import', probe, build.bin, ...args], {
        cwd: scratch,
        encoding: 'utf8',
        env: cleanEnv({ TODO_OPS_BUILT_TOOLS_FILE: list }),
      });
      expect(result.status, result.stderr).toBe(0);
      return readFileSync(list, 'utf8').split('\n').filter(Boolean);
    };
    expect(builtBy(['run', 'show pods', '--dry-run', '--json'])).toEqual(['status']);
    expect(builtBy(['run', 'scale backend to 3', '--dry-run'])).toEqual(['scale']);
    expect(builtBy(['guide', 'kagent', '--json'])).toEqual(['guide']);
    expect(builtBy(['--namespace', 'todo', 'hosts_entry', '--help'])).toEqual(['hosts_entry']);
    expect(builtBy(['--help']).sort()).toEqual([...TOOL_NAMES].sort());
  });

  it('mcp answers initialize and tools/list before loading the MCP SDK, zod or the tools, as the full server would', async () => {
    const list = join(scratch, 'loaded-mcp.txt');
    const connect = async (args: string[], env: Record<string, string> = {}) => {
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: ['--import', recorder, build.bin, ...args],
        cwd: scratch,
        env: cleanEnv(env),
        stderr: 'pipe',
      });
      const client = new Client({ name: 'module-loading-test', version: '0' });
      await client.connect(transport);
      return client;
    };
    const client = await connect(['mcp', '--read-only'], { TODO_OPS_LOADED_MODULES_FILE: list });
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('status');
      // Until here only the stdio front has run.
      const early = loadedSources(list);
      for (const name of [...HEAVY, '@modelcontextprotocol/sdk', 'zod', 'commander'])
        expect(sourcePackages(early)).not.toContain(name);
      expect(early).not.toContain('tools/registry.ts');
      // The full server (here reached through a global option) lists the very same tools.
      const full = await connect(['--namespace', 'todo', 'mcp', '--read-only']);
      try {
        expect((await full.listTools()).tools).toEqual(tools);
        expect(full.getServerVersion()).toEqual(client.getServerVersion());
        expect(full.getServerCapabilities()).toEqual(client.getServerCapabilities());
      } finally {
        await full.close();
      }
      // The first call loads the real server, which answers it.
      const guide = await client.callTool({ name: 'guide', arguments: { topic: 'kagent' } });
      expect(guide.isError).toBeFalsy();
    } finally {
      await client.close();
    }
    const packages = loadedPackages(list);
    expect(packages).toContain('@modelcontextprotocol/sdk');
    for (const name of HEAVY) expect(packages).not.toContain(name);
  });

  it('mcp refuses what the full command refuses, before answering anything', () => {
    const refused = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [build.bin, ...args], {
        cwd: scratch,
        encoding: 'utf8',
        env: cleanEnv(env),
        input: `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' })}\n`,
      });
    const badNamespace = refused(['mcp'], { TODO_OPS_NAMESPACE: 'Not_A_Name' });
    expect(badNamespace.status).toBe(2);
    expect(badNamespace.stdout).toBe('');
    expect(badNamespace.stderr).toContain('namespace "Not_A_Name" is not a valid Kubernetes name');
    const unknownTool = refused(['mcp', '--tools', 'kubectl_exec']);
    expect(unknownTool.status).toBe(2);
    expect(unknownTool.stdout).toBe('');
    expect(unknownTool.stderr).toContain('unknown tool kubectl_exec in --tools');
  });

  it('a tool that talks to the cluster loads the Kubernetes client, and only then', () => {
    const run = runRecorded(['status']);
    expect(run.status).toBe(1);
    expect(run.stderr + run.stdout).toContain('cannot reach the Kubernetes API server');
    expect(run.packages).toContain('@kubernetes/client-node');
    for (const name of ['ink', 'react', 'openai']) expect(run.packages).not.toContain(name);
  });
});

describe('stack traces', () => {
  it('point at src/ and tools/ through the source maps when TODO_OPS_DEBUG is set', () => {
    // At exit, map the bundle's own definition of runFull (the entry's) back to its source.
    const probe = join(scratch, 'source-map-probe.mjs');
    writeFileSync(
      probe,
      `import { findSourceMap } from 'node:module';
import { readFileSync } from 'node:fs';
process.on('exit', () => {
  const file = ${JSON.stringify(join(build.dir, 'dist/cli/main.js'))};
  const lines = readFileSync(file, 'utf8').split('\\n');
  const line = lines.findIndex((text) => text.includes('function runFull('));
  const column = lines[line].indexOf('function runFull(');
  const entry = findSourceMap(file)?.findEntry(line, column);
  process.stderr.write('ORIGIN ' + (entry?.originalSource ?? 'none') + '\\n');
});
`,
    );
    const run = (debug: boolean) =>
      spawnSync(process.execPath, ['--import', probe, build.bin, '--version'], {
        cwd: scratch,
        encoding: 'utf8',
        env: cleanEnv(debug ? { TODO_OPS_DEBUG: '1' } : {}),
      }).stderr;
    expect(run(true)).toMatch(/ORIGIN \S*\/src\/cli\/main\.ts/);
    // Off otherwise: reading the maps costs start-up time.
    expect(run(false)).toContain('ORIGIN none');
    const sources = Object.values(build.outputs).flat();
    expect(sources.some((source) => source.startsWith('tools/'))).toBe(true);
  });
});

describe('the packed package, installed outside the repository', () => {
  let todoOps: string;
  let work: string;

  beforeAll(() => {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], {
        cwd: build.dir,
        encoding: 'utf8',
      }),
    ) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const tarball = join(scratch, packed[0]?.filename ?? '');
    const prefix = join(scratch, 'install');
    mkdirSync(prefix);
    execFileSync(
      'npm',
      ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--offline', tarball],
      { cwd: prefix, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    todoOps = join(prefix, 'node_modules/.bin/todo-ops');
    work = join(scratch, 'elsewhere');
    mkdirSync(work);
  }, 120_000);

  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(todoOps, args, { cwd: work, encoding: 'utf8', env: cleanEnv(env) });

  it('prints its version and help', () => {
    expect(cli(['--version']).stdout.trim()).toBe(version);
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: todo-ops');
  });

  it('routes run --dry-run', () => {
    const run = cli(['run', 'show pods', '--dry-run', '--json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ routed: true, calls: [{ tool: 'status' }] });
  });

  it('serves MCP tools/list over stdio', async () => {
    const transport = new StdioClientTransport({
      command: todoOps,
      args: ['mcp'],
      cwd: work,
      env: cleanEnv(),
      stderr: 'pipe',
    });
    const client = new Client({ name: 'package-test', version: '0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(
        expect.arrayContaining(['status', 'scale', 'build_images', 'guide']),
      );
      const guide = await client.callTool({ name: 'guide', arguments: { topic: 'kagent' } });
      expect(guide.isError).toBeFalsy();
    } finally {
      await client.close();
    }
  });

  it('reaches a cluster with the Kubernetes client it carries', () => {
    const status = cli(['status']);
    expect(status.status).toBe(1);
    expect(status.stderr + status.stdout).toContain(
      'cannot reach the Kubernetes API server at https://127.0.0.1:1',
    );
  });

  it('says where it looks for Dockerfiles and how to point it at a checkout', () => {
    const noSources = cli(['build-images', '--yes'], {
      TODO_OPS_DOCKER: join(work, 'no-docker'),
      TODO_OPS_MINIKUBE: join(work, 'no-minikube'),
    });
    const text = noSources.stdout + noSources.stderr;
    expect(noSources.status).toBe(1);
    expect(text).toContain('looked for docker/backend.Dockerfile');
    expect(text).toContain('node_modules/todo-ops');
    expect(text).toContain('set TODO_OPS_SOURCE_DIR to a checkout of the todo-ops repository');
    // Pointed at this checkout, it finds the Dockerfiles and goes on to look for a builder.
    const withSources = cli(['build-images', '--yes'], {
      TODO_OPS_SOURCE_DIR: repo,
      TODO_OPS_DOCKER: join(work, 'no-docker'),
      TODO_OPS_MINIKUBE: join(work, 'no-minikube'),
    });
    expect(withSources.stdout + withSources.stderr).toContain(
      'neither a Docker daemon nor a running Minikube',
    );
  });
});
