/**
 * Side by side on one cluster, in one run: list pods, scale the backend and read backend
 * logs through MCP (stdio) with todo-ops, `mcp-server-kubernetes` and `kubernetes-mcp-server`.
 * The release must be deployed first (`todo-ops run deploy --yes`) in $TODO_OPS_NAMESPACE;
 * KUBECONFIG points at the cluster, TODO_OPS_HELM at helm, kubectl on PATH (for the npm peer).
 *
 *   node --import tsx bench/agent/peers-cluster.ts
 *
 * todo-ops scales through `helm upgrade` and waits until the pods are ready; the peers patch
 * the Deployment and return at once. The figures say what each call does, not only how fast.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const namespace = process.env.TODO_OPS_NAMESPACE ?? 'todo';
const env = Object.fromEntries(
  Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
);
// The built CLI when there is one (what users run), else the sources through tsx.
const built = new URL('../../dist/cli/main.js', import.meta.url);
const todoOps = existsSync(built)
  ? [fileURLToPath(new URL('../../bin/todo-ops.js', import.meta.url))]
  : ['--import', 'tsx', fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))];
const ROUNDS = 5;

type Call = [string, Record<string, unknown>];
interface Server {
  name: string;
  command: string;
  args: string[];
  listPods: Call;
  scale: (replicas: number) => Call;
  logs: (pod: string) => Call;
}

const bin = (pkg: string, name: string) =>
  execFileSync('npx', ['-y', '-p', pkg, 'which', name], { encoding: 'utf8' }).trim();

const servers: Server[] = [
  {
    name: 'todo-ops',
    command: process.execPath,
    args: [...todoOps, 'mcp'],
    listPods: ['status', {}],
    scale: (replicas) => ['scale', { component: 'backend', replicas }],
    logs: () => ['logs', { component: 'backend', tail: 50 }],
  },
  {
    name: 'mcp-server-kubernetes',
    command: bin('mcp-server-kubernetes@4.1.7', 'mcp-server-kubernetes'),
    args: [],
    listPods: ['kubectl_get', { resourceType: 'pods', namespace }],
    scale: (replicas) => ['kubectl_scale', { name: 'todo-app-backend', namespace, replicas }],
    logs: (pod) => ['kubectl_logs', { resourceType: 'pod', name: pod, namespace, tail: 50 }],
  },
  {
    name: 'kubernetes-mcp-server',
    command: bin('kubernetes-mcp-server@0.0.67', 'kubernetes-mcp-server'),
    args: [],
    listPods: ['pods_list_in_namespace', { namespace }],
    scale: (replicas) => [
      'resources_scale',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'todo-app-backend',
        namespace,
        scale: replicas,
      },
    ],
    logs: (pod) => ['pods_log', { name: pod, namespace, tail: 50 }],
  },
];

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function timed(client: Client, [name, args]: Call) {
  const t0 = performance.now();
  const result = await client.callTool({ name, arguments: args }, undefined, { timeout: 180_000 });
  return {
    ms: performance.now() - t0,
    isError: result.isError === true,
    text: JSON.stringify(result.content),
  };
}

const report: Record<string, unknown> = { namespace, rounds: ROUNDS, todoOps: todoOps.join(' ') };
for (const server of servers) {
  const t0 = performance.now();
  const client = new Client({ name: 'bench', version: '0' });
  await client.connect(
    new StdioClientTransport({ command: server.command, args: server.args, env, stderr: 'ignore' }),
  );
  const { tools } = await client.listTools();
  const coldStartMs = Math.round(performance.now() - t0);
  const samples: Record<string, number[]> = { listPods: [], scale: [], logs: [] };
  const errors: Record<string, number> = { listPods: 0, scale: 0, logs: 0 };
  let pod = '';
  for (let round = 0; round < ROUNDS; round += 1) {
    const list = await timed(client, server.listPods);
    samples.listPods?.push(list.ms);
    if (list.isError) errors.listPods = (errors.listPods ?? 0) + 1;
    pod = list.text.match(/todo-app-backend-[a-z0-9]+-[a-z0-9]+/)?.[0] ?? pod;
    const scale = await timed(client, server.scale(round % 2 === 0 ? 3 : 2));
    samples.scale?.push(scale.ms);
    if (scale.isError) errors.scale = (errors.scale ?? 0) + 1;
    const logs = await timed(client, server.logs(pod));
    samples.logs?.push(logs.ms);
    if (logs.isError) errors.logs = (errors.logs ?? 0) + 1;
  }
  await client.close();
  report[server.name] = {
    coldStartToToolsListMs: coldStartMs,
    tools: tools.length,
    medianMs: Object.fromEntries(
      Object.entries(samples).map(([k, v]) => [k, Math.round(median(v))]),
    ),
    errors,
  };
}
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
