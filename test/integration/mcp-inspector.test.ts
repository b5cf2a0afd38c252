/**
 * `todo-ops mcp` through the official MCP Inspector in CLI mode (npm
 * `@modelcontextprotocol/inspector`), as a person would check it before adding it to an
 * IDE: on the test cluster, with the release deployed, it lists the tools and calls status;
 * both from the sources and from the built bundle, where the stdio front answers the tool
 * list and the real server takes over for the call (as an installed todo-ops runs).
 */
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCli, type CliBuild } from '../support/cli-build.js';
import { clusterMissing, useTestNamespace } from '../support/cluster.js';
import { describeWithEnv } from '../support/env.js';
import { helmPath } from '../support/kube-tools.js';

const run = promisify(execFile);
const INSPECTOR = '@modelcontextprotocol/inspector@2.12.0';
const root = fileURLToPath(new URL('../..', import.meta.url));
const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

describeWithEnv('MCP Inspector CLI against todo-ops mcp', clusterMissing(), () => {
  const cluster = useTestNamespace('inspector');
  // todo-ops with this file's cluster and namespace; `mcp` makes it the server an IDE starts.
  const cli = (...args: string[]) => [
    '--import',
    'tsx',
    main,
    '--kubeconfig',
    cluster.kubeconfigPath,
    '--namespace',
    cluster.namespace,
    ...args,
  ];

  async function inspect(...method: string[]) {
    return inspectServer([process.execPath, ...cli('mcp')], [], method);
  }

  /** The Inspector's answer from `server` (command and args), with these extra env settings. */
  async function inspectServer(server: string[], env: string[], method: string[]) {
    const { stdout } = await run(
      'npx',
      [
        '-y',
        INSPECTOR,
        '--cli',
        '-e',
        `TODO_OPS_HELM=${helmPath()}`,
        ...env.flatMap((setting) => ['-e', setting]),
        ...server,
        ...method,
      ],
      { cwd: root, timeout: 170_000 },
    );
    return JSON.parse(stdout) as Record<string, unknown>;
  }

  let build: CliBuild | undefined;
  afterAll(() => build?.remove());
  /** The built `todo-ops mcp` as an IDE starts it: no options, the cluster from the environment. */
  async function inspectBuilt(...method: string[]) {
    build ??= buildCli();
    return inspectServer(
      [process.execPath, build.bin, 'mcp'],
      [`KUBECONFIG=${cluster.kubeconfigPath}`, `TODO_OPS_NAMESPACE=${cluster.namespace}`],
      method,
    );
  }

  beforeAll(() => {
    const deploy = spawnSync(process.execPath, cli('--yes', 'deploy'), {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        TODO_OPS_HELM: helmPath(),
        TODO_OPS_HELM_TIMEOUT: '90',
        // kwok's pods answer no HTTP: changes are proven on the real node.
        TODO_OPS_PROVE: '0',
        JWT_SECRET: 'inspector-jwt-secret-value-0123456789',
        OPENAI_API_KEY: 'sk-inspector-app-key-0123456789',
        // An external database: the test cluster has no volume provisioner for the
        // in-cluster PostgreSQL's claim.
        DATABASE_URL: 'postgresql://todo:inspector-db-password@db.example.test:5432/todo',
      },
    });
    if (deploy.status !== 0) {
      throw new Error(
        `todo-ops deploy exited ${deploy.status}:\n${deploy.stdout}\n${deploy.stderr}`,
      );
    }
  });

  it('lists every tool with its annotations', async () => {
    const { tools } = (await inspect('--method', 'tools/list')) as {
      tools: Array<{ name: string; annotations?: Record<string, boolean> }>;
    };
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['status', 'scale', 'logs', 'diagnose', 'rollback', 'history']),
    );
    expect(tools.find((t) => t.name === 'status')?.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
    expect(tools.find((t) => t.name === 'scale')?.annotations).toMatchObject({
      readOnlyHint: false,
    });
  });

  it('calls status on the deployed release', async () => {
    const result = await inspect('--method', 'tools/call', '--tool-name', 'status');
    expect(result.isError ?? false).toBe(false);
    expect(result.structuredContent).toMatchObject({ ok: true });
    expect(JSON.stringify(result.content)).toContain('todo-app-backend');
  });

  it('answers the same from the built bundle, through the stdio front, and calls status', async () => {
    const fromSources = await inspect('--method', 'tools/list');
    expect(await inspectBuilt('--method', 'tools/list')).toEqual(fromSources);
    const result = await inspectBuilt('--method', 'tools/call', '--tool-name', 'status');
    expect(result.isError ?? false).toBe(false);
    expect(JSON.stringify(result.content)).toContain('todo-app-backend');
  }, 240_000);
});
