/**
 * The deploy plan renders what `deploy` applies: the same chart, flags and values file
 * (secrets from the environment or a dotenv file, none with secrets.existingSecret), so
 * the plan a person approves is the change that runs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { deployTool } from '../../tools/deploy.js';
import type { UpgradeOptions } from '../../tools/platform/helm.js';
import { previewDeploy } from '../../tools/previews.js';
import { clearRegisteredSecrets } from '../../tools/redact.js';
import { repoRoot } from '../support/kube-tools.js';
import { newToolLog, testDeps } from '../support/test-tools.js';

const dir = mkdtempSync(join(tmpdir(), 'todo-ops-plan-values-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => clearRegisteredSecrets());

const ENV = {
  JWT_SECRET: 'plan-values-jwt-secret',
  OPENAI_API_KEY: 'sk-plan-values-0123456789',
  DATABASE_URL: 'postgresql://todo:plan-values-pw@db.example.test:5432/todo',
};

/** Upgrade options with the values files read (they are gone once the call returns). */
const seen = (options: UpgradeOptions) => ({
  release: options.release,
  chart: options.chart,
  install: options.install,
  reuseValues: options.reuseValues,
  set: options.set,
  values: (options.valuesFiles ?? []).map((file) => JSON.parse(readFileSync(file, 'utf8'))),
});

async function bothWays(input: Parameters<typeof previewDeploy>[0], existingSecret?: string) {
  const log = newToolLog();
  const deps = testDeps(log, ENV, { chartPath: join(repoRoot, 'charts/todo-app') });
  let applied: ReturnType<typeof seen> | undefined;
  let rendered: ReturnType<typeof seen> | undefined;
  const upgrade = deps.helm.upgrade;
  const getValues = deps.helm.getValues;
  deps.helm = {
    ...deps.helm,
    getValues: async (release, all) =>
      existingSecret ? { secrets: { existingSecret } } : getValues(release, all),
    upgrade: async (options, onLine) => {
      applied = seen(options);
      return upgrade(options, onLine);
    },
    manifest: async () => '',
    renderUpgrade: async (options) => {
      rendered = seen(options);
      return '';
    },
  };
  await previewDeploy(input, deps);
  const result = await deployTool.run(input, { deps });
  expect(result.ok, JSON.stringify(result)).toBe(true);
  return { applied, rendered };
}

describe('the deploy plan renders what deploy applies', () => {
  it('the same chart, flags and values, secrets from the environment', async () => {
    const { applied, rendered } = await bothWays({ set: { 'backend.replicas': '3' } });
    expect(applied?.values.at(-1)).toMatchObject({
      secrets: { jwtSecret: ENV.JWT_SECRET },
      postgresql: { enabled: false },
    });
    expect(rendered).toEqual(applied);
  });

  it('the same values from a dotenv file', async () => {
    const file = join(dir, 'secrets.env');
    writeFileSync(file, 'JWT_SECRET=from-the-dotenv-file-123\n');
    const { applied, rendered } = await bothWays({ secretsFile: file });
    expect(applied?.values.at(-1)).toMatchObject({
      secrets: { jwtSecret: 'from-the-dotenv-file-123' },
    });
    expect(rendered).toEqual(applied);
  });

  it('no secret values when secrets.existingSecret holds them', async () => {
    const { applied, rendered } = await bothWays({}, 'todo-secrets');
    expect(applied?.values.at(-1)).toEqual({});
    expect(rendered).toEqual(applied);
  });
});

describe('TODO_OPS_PLAN=0', () => {
  it('computes no plan and renders nothing', async () => {
    const log = newToolLog();
    const deps = testDeps(log, ENV, {
      chartPath: join(repoRoot, 'charts/todo-app'),
      planChanges: false,
    });
    let rendered = 0;
    deps.helm = {
      ...deps.helm,
      manifest: async () => '',
      renderUpgrade: async () => {
        rendered += 1;
        return '';
      },
    };
    expect(await previewDeploy({ set: { 'backend.replicas': '3' } }, deps)).toBeUndefined();
    expect(rendered).toBe(0);
  });
});
