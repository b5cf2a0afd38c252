/**
 * Runs todo-ops tools against the test cluster with real helm: a config scoped to the test
 * file's namespace, and the chart under test (charts/todo-app when present, else the
 * minimal fixture chart with the same keys).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { executeCall } from '../../src/agent/pipeline.js';
import { loadConfig, type OpsConfig } from '../../tools/config.js';
import type { ToolResult } from '../../tools/contract.js';
import { createDeps, type DepsOptions, type OpsTool, type ToolDeps } from '../../tools/deps.js';
import type { TestCluster } from '../support/cluster.js';
import { helmPath, repoRoot } from '../support/kube-tools.js';

/** The chart with the knobs the failure tests need (podAnnotations, selector, ...). */
export const FIXTURE_CHART = join(repoRoot, 'test/fixtures/charts/todo-mini');

/** charts/todo-app once it has landed, else the fixture (TODO_OPS_TEST_CHART overrides). */
export const APP_CHART =
  process.env.TODO_OPS_TEST_CHART ||
  (existsSync(join(repoRoot, 'charts/todo-app/Chart.yaml'))
    ? join(repoRoot, 'charts/todo-app')
    : FIXTURE_CHART);

/** Secrets deploy reads from the environment; the external DATABASE_URL keeps PostgreSQL (and its PVC) out. */
export const TEST_SECRETS = {
  JWT_SECRET: 'integration-jwt-secret-value',
  OPENAI_API_KEY: 'sk-integration-test-key-0123456789',
  DATABASE_URL: 'postgresql://todo:integration-db-password@db.example.test:5432/todo',
};

/** Tool deps against the test cluster for one release. */
export function clusterDeps(
  cluster: TestCluster,
  overrides: Partial<OpsConfig> = {},
  env: Record<string, string | undefined> = {},
  options: DepsOptions = {},
): ToolDeps {
  const config: OpsConfig = {
    ...loadConfig(
      {
        namespace: cluster.namespace,
        kubeconfig: cluster.kubeconfigPath,
        chartPath: FIXTURE_CHART,
      },
      {},
    ),
    helmTimeoutSeconds: 90,
    readyTimeoutSeconds: 90,
    // kwok's pods answer no HTTP: changes are proven on the real node (safe-deploy.test.ts).
    proveChanges: false,
    ...overrides,
  };
  return createDeps(config, {
    helmBin: helmPath(),
    env: { ...TEST_SECRETS, ...env },
    ...options,
  });
}

/**
 * Runs a tool through the call pipeline as a subcommand with --yes would: input parsed by its
 * own schema (defaults applied), output checked against its output schema, everything
 * redacted on the way out; progress collected.
 */
export async function runTool<D>(
  tool: OpsTool,
  input: Record<string, unknown>,
  deps: ToolDeps,
): Promise<ToolResult<D> & { progress: string[] }> {
  const progress: string[] = [];
  const outcome = await executeCall(
    tool,
    input,
    'user',
    { approval: { standing: true } },
    { deps, onProgress: (p) => progress.push(p.message) },
  );
  if (!outcome.result) throw new Error(`${tool.name} did not run: ${outcome.text}`);
  return { ...(outcome.result as ToolResult<D>), progress };
}

/** Fails the test with the tool's own message when a result is not ok. */
export function expectOk<D>(result: ToolResult<D>): D {
  if (!result.ok)
    throw new Error(
      `tool failed: ${result.error.kind}: ${result.error.message} (hint: ${result.error.hint})`,
    );
  return result.data;
}
