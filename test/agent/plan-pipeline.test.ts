/**
 * The plan in the call pipeline: computed before anyone is asked, shown in the question,
 * the dry run and MCP's structured content; an empty plan means nothing runs; a plan that
 * cannot be computed never blocks the call. The real scale tool over the fake release of
 * test/support, whose helm here also renders manifests.
 */
import { describe, expect, it } from 'vitest';
import type { PlannedCall } from '../../src/agent/calls.js';
import { confirmationText, executeCall } from '../../src/agent/pipeline.js';
import { buildServer } from '../../src/mcp/server.js';
import type { ToolDeps } from '../../tools/deps.js';
import { findTool } from '../../tools/registry.js';
import { linkClient } from '../mcp/helpers.js';
import { newToolLog, type ToolLog, testDeps } from '../support/test-tools.js';

const scale = findTool('scale');
if (!scale) throw new Error('no scale tool');

const manifest = (replicas: Record<string, number>) =>
  Object.entries(replicas)
    .map(
      ([component, n]) =>
        `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: todo-app-${component}\nspec:\n  replicas: ${n}\n`,
    )
    .join('');

/** The fake release of test/support, with a helm that renders its manifests. */
function depsOf(log: ToolLog, renderFails?: string): ToolDeps {
  const deps = testDeps(log);
  deps.helm = {
    ...deps.helm,
    manifest: async () => manifest(log.replicas),
    renderUpgrade: async (options) => {
      if (renderFails) throw new Error(renderFails);
      const next = { ...log.replicas };
      for (const [key, value] of Object.entries(options.set ?? {})) {
        const component = key.match(/^([a-z]+)\.replicas$/)?.[1];
        if (component) next[component] = Number(value);
      }
      return manifest(next);
    },
  };
  return deps;
}

const asked: PlannedCall[] = [];
const approval = (answer: 'yes' | 'no') => ({
  ask: async (call: PlannedCall) => {
    asked.push(call);
    return answer;
  },
});

describe('the plan in the call pipeline', () => {
  it('is computed before the question and shown in it', async () => {
    const log = newToolLog();
    asked.length = 0;
    const outcome = await executeCall(
      scale,
      { component: 'backend', replicas: 3 },
      'user',
      { approval: approval('no') },
      { deps: depsOf(log) },
    );
    expect(outcome.status).toBe('declined');
    expect(asked[0]?.preview?.objects).toEqual([
      {
        kind: 'Deployment',
        name: 'todo-app-backend',
        action: 'update',
        fields: [{ path: 'spec.replicas', before: 2, after: 3 }],
      },
    ]);
    const question = asked[0] ? confirmationText(asked[0]) : undefined;
    expect(question?.plan).toEqual(['~ Deployment todo-app-backend: spec.replicas 2 → 3']);
    expect(log.changes).toEqual([]);
  });

  it('is in the dry run text', async () => {
    const log = newToolLog();
    const outcome = await executeCall(
      scale,
      { component: 'frontend', replicas: 4 },
      'user',
      { dryRun: true, approval: {} },
      { deps: depsOf(log) },
    );
    expect(outcome.status).toBe('planned');
    expect(outcome.text).toContain('\n  ~ Deployment todo-app-frontend: spec.replicas 1 → 4');
    expect(outcome.call.preview?.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports an empty change as nothing to change: nobody is asked and nothing runs', async () => {
    const log = newToolLog();
    asked.length = 0;
    const outcome = await executeCall(
      scale,
      { component: 'backend', replicas: 2 },
      'model',
      { approval: approval('yes') },
      { deps: depsOf(log) },
    );
    expect(outcome).toMatchObject({ status: 'ok', unchanged: true });
    expect(outcome.text).toContain('nothing to change');
    expect(asked).toEqual([]);
    expect(log.changes).toEqual([]);
    expect(log.revisions).toHaveLength(1);
  });

  it('notes a plan that cannot be computed and goes on as without one', async () => {
    const log = newToolLog();
    asked.length = 0;
    const outcome = await executeCall(
      scale,
      { component: 'backend', replicas: 3 },
      'user',
      { approval: approval('yes') },
      { deps: depsOf(log, 'Kubernetes cluster unreachable') },
    );
    expect(asked[0]?.previewNote).toBe('plan unavailable: Kubernetes cluster unreachable');
    expect(asked[0] ? confirmationText(asked[0]).plan : []).toEqual([
      'plan unavailable: Kubernetes cluster unreachable',
    ]);
    expect(outcome.status).toBe('ok');
    expect(log.changes).toEqual(['helm upgrade --set backend.replicas=3']);
  });

  it('reaches an MCP client as structured content before anything is written', async () => {
    const log = newToolLog();
    const deps = depsOf(log);
    const link = await linkClient(buildServer({ tools: [scale], deps }));
    try {
      // This client cannot be asked: the change is refused, with its plan.
      const result = await link.client.callTool({
        name: 'scale',
        arguments: { component: 'backend', replicas: 5 },
      });
      expect(result.isError).toBe(true);
      const planned = await executeCall(
        scale,
        { component: 'backend', replicas: 5 },
        'user',
        { dryRun: true, approval: {} },
        { deps },
      );
      expect((result.structuredContent as { plan?: unknown }).plan).toEqual(planned.call.preview);
      expect(log.changes).toEqual([]);
    } finally {
      await link.close();
    }
  });
});
