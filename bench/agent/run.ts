/**
 * Agent benchmarks: fast path request -> tool start latency (no model, zero tokens), MCP
 * cold start to tools/list (in-process and a spawned stdio server), size of all tool
 * schemas in characters and tokens (o200k_base via gpt-tokenizer). With --peers, the same
 * cold start and schema size for `mcp-server-kubernetes` and `kubernetes-mcp-server`
 * (they need a kubeconfig: KUBECONFIG=... ; list pods / scale / logs latency through MCP is
 * for the run on the test cluster).
 *
 *   node --import tsx bench/agent/run.ts [--peers] [--json]
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { Agent } from '../../src/agent/loop.js';
import { toOpenAITool } from '../../src/agent/mappers.js';
import { buildServer } from '../../src/mcp/server.js';
import { ROUTED } from '../../test/agent/router-cases.js';
import { newToolLog, testDeps } from '../../test/support/test-tools.js';
import type { Tool } from '../../tools/contract.js';
import { benchTools } from './tool-set.js';

const args = new Set(process.argv.slice(2));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

const ms = (value: number) => Math.round(value * 1000) / 1000;

/** Request -> tool.run start through the fast path, each routed phrasing, several rounds. */
async function fastPath(tools: Tool[]) {
  let startedAt = 0;
  const timed = tools.map(
    (tool): Tool => ({
      ...tool,
      run: async () => {
        startedAt = performance.now();
        return { ok: true, summary: 'bench', data: null };
      },
    }),
  );
  const agent = new Agent({
    tools: timed,
    deps: testDeps(newToolLog()),
    settings: { model: 'none' },
    systemPrompt: '',
    approval: { standing: true },
  });
  const samples: number[] = [];
  let notRun = 0;
  for (let round = 0; round < 20; round += 1) {
    for (const [request] of ROUTED) {
      startedAt = 0;
      const t0 = performance.now();
      await agent.send(request);
      if (startedAt) samples.push(startedAt - t0);
      else notRun += 1;
      agent.clear();
    }
  }
  const s = stats(samples);
  return {
    requests: samples.length,
    notRun,
    p50Ms: ms(s.p50),
    p95Ms: ms(s.p95),
    maxMs: ms(s.max),
    modelRequests: 0,
    tokens: 0,
  };
}

async function timeToToolsList(connect: (client: Client) => Promise<void>) {
  const t0 = performance.now();
  const client = new Client({ name: 'bench', version: '0' });
  await connect(client);
  const { tools } = await client.listTools();
  const elapsed = performance.now() - t0;
  await client.close();
  return { ms: Math.round(elapsed), tools };
}

function schemaSize(tools: unknown[]) {
  const json = JSON.stringify(tools);
  return { chars: json.length, tokens: countTokens(json) };
}

async function stdioColdStart(command: string, argv: string[]) {
  const runs: number[] = [];
  let tools: unknown[] = [];
  // The SDK passes a minimal environment by default; peers need KUBECONFIG and friends.
  const env = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
  );
  for (let i = 0; i < 3; i += 1) {
    const result = await timeToToolsList(async (client) => {
      await client.connect(
        new StdioClientTransport({ command, args: argv, stderr: 'ignore', env }),
      );
    });
    runs.push(result.ms);
    tools = result.tools;
  }
  return {
    coldStartToToolsListMs: stats(runs),
    toolCount: tools.length,
    schema: schemaSize(tools),
  };
}

const { tools, source } = await benchTools();
const report: Record<string, unknown> = { source, node: process.version };
report.fastPath = await fastPath(tools);
report.inProcessToolsList = await timeToToolsList(async (client) => {
  const [a, b] = InMemoryTransport.createLinkedPair();
  await Promise.all([
    buildServer({ tools, deps: testDeps(newToolLog()), allowDestructive: true }).connect(b),
    client.connect(a),
  ]);
}).then((r) => ({ ms: r.ms, toolCount: r.tools.length, mcpSchema: schemaSize(r.tools) }));
report.openaiToolDefs = schemaSize(tools.map(toOpenAITool));
const fixture = fileURLToPath(
  new URL('../../test/mcp/fixtures/stdio-test-server.ts', import.meta.url),
);
report.todoOpsStdio = {
  note: 'spawned with node --import tsx (includes TypeScript transform); test tools',
  ...(await stdioColdStart(process.execPath, ['--import', 'tsx', fixture])),
};

// The built CLI (npm run build:cli): what an IDE spawns, real registry tools.
if (existsSync(new URL('../../dist/cli/main.js', import.meta.url))) {
  report.todoOpsStdioBuilt = {
    note: 'node bin/todo-ops.js mcp over the bundle in dist/cli (registry tools)',
    ...(await stdioColdStart(process.execPath, [
      fileURLToPath(new URL('../../bin/todo-ops.js', import.meta.url)),
      'mcp',
    ])),
  };
}

if (args.has('--peers')) {
  // Resolve each peer's executable once through npx (download outside the timing), then
  // spawn it directly, as todo-ops is spawned directly: no npx time in the figures.
  const peers: Array<[string, string, string]> = [
    ['mcp-server-kubernetes', 'mcp-server-kubernetes@4.1.7', 'mcp-server-kubernetes'],
    ['kubernetes-mcp-server', 'kubernetes-mcp-server@0.0.67', 'kubernetes-mcp-server'],
  ];
  for (const [name, pkg, bin] of peers) {
    try {
      const path = execFileSync('npx', ['-y', '-p', pkg, 'which', bin], {
        encoding: 'utf8',
      }).trim();
      report[name] = { package: pkg, ...(await stdioColdStart(path, [])) };
    } catch (error) {
      report[name] = { error: error instanceof Error ? error.message : String(error) };
    }
  }
}

process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
