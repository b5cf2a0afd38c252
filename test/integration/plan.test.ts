/**
 * The plan of a Helm change on the test cluster (real helm, the app chart): a replicas-only
 * change names one Deployment and one field; a new image tag shows only image fields; the
 * same values again are nothing to change and make no revision; and the same change gives
 * the same plan through `run --dry-run --json`, the chat's agent and the MCP server; and
 * replicas changed behind Helm's back count as they are live; a rollback plans against the
 * revision it returns to.
 */
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { beforeAll, expect, it } from 'vitest';
import type { PlannedCall } from '../../src/agent/calls.js';
import { Agent } from '../../src/agent/loop.js';
import { executeCall, planLines } from '../../src/agent/pipeline.js';
import { runCli } from '../../src/cli/index.js';
import { buildServer } from '../../src/mcp/server.js';
import type { ChangePreview } from '../../tools/change-plan.js';
import { deployTool } from '../../tools/deploy.js';
import type { ToolDeps } from '../../tools/deps.js';
import { allTools } from '../../tools/registry.js';
import { rollbackTool } from '../../tools/rollback.js';
import { scaleTool } from '../../tools/scale.js';
import { capture } from '../cli/capture.js';
import { linkClient } from '../mcp/helpers.js';
import { clusterMissing, useTestNamespace } from '../support/cluster.js';
import { describeWithEnv } from '../support/env.js';
import { helmPath } from '../support/kube-tools.js';
import { APP_CHART, clusterDeps, expectOk, runTool, TEST_SECRETS } from './tools-harness.js';

describeWithEnv('the plan of a Helm change on the test cluster', clusterMissing(), () => {
  const cluster = useTestNamespace('plan');
  let deps: ToolDeps;
  const revision = async () => (await deps.helm.status('todo-app'))?.revision;

  /** The plan of a deploy with these values, as a dry run shows it. */
  const deployPlan = async (set: Record<string, string>) => {
    const outcome = await executeCall(
      deployTool,
      { set },
      'user',
      { dryRun: true, approval: {} },
      { deps },
    );
    expect(outcome.status).toBe('planned');
    if (!outcome.call.preview) throw new Error(`no plan: ${outcome.text}`);
    return { plan: outcome.call.preview, lines: planLines(outcome.call) };
  };

  beforeAll(async () => {
    deps = clusterDeps(cluster, { chartPath: APP_CHART });
    expectOk(await runTool(deployTool, {}, deps));
  });

  it('(a) a replicas-only change names one Deployment and one field', async () => {
    const { plan, lines } = await deployPlan({ 'backend.replicas': '3' });
    expect(plan.objects).toEqual([
      {
        kind: 'Deployment',
        name: 'todo-app-backend',
        action: 'update',
        fields: [{ path: 'spec.replicas', before: 2, after: 3 }],
      },
    ]);
    expect(lines).toEqual(['~ Deployment todo-app-backend: spec.replicas 2 → 3']);
    expect(await revision()).toBe(1);
  });

  it('(b) a new image tag shows the image fields and nothing else', async () => {
    const { plan } = await deployPlan({ 'backend.image.tag': 'plan-test-2' });
    const fields = plan.objects.flatMap((obj) => obj.fields.map((f) => ({ obj, ...f })));
    expect(fields.length).toBeGreaterThan(0);
    for (const { obj, path, after } of fields) {
      expect(obj).toMatchObject({ kind: 'Deployment', name: 'todo-app-backend', action: 'update' });
      expect(path).toMatch(/^spec\.template\.spec\.(initContainers|containers)\[\d+\]\.image$/);
      expect(after).toMatch(/:plan-test-2$/);
    }
  });

  it('(c) the same values again: nothing to change, no new revision', async () => {
    const applied = await executeCall(
      deployTool,
      { set: { 'backend.replicas': '3' } },
      'user',
      { approval: { standing: true } },
      { deps },
    );
    expect(applied.status, applied.text).toBe('ok');
    expect(await revision()).toBe(2);
    let asked = 0;
    for (const set of [{ 'backend.replicas': '3' }, {}]) {
      const again = await executeCall(
        deployTool,
        { set },
        'user',
        {
          approval: {
            ask: async () => {
              asked += 1;
              return 'yes';
            },
          },
        },
        { deps },
      );
      expect(again).toMatchObject({ status: 'ok', unchanged: true });
      expect(again.call.preview?.objects).toEqual([]);
      expect(again.text).toContain('nothing to change');
    }
    expect(asked).toBe(0);
    expect(await revision()).toBe(2);
  });

  it('(d) the same change gives the same plan through run --dry-run --json, the chat and MCP', async () => {
    // run --dry-run --json: the CLI with its own deps, as a person types it.
    const io = capture({
      KUBECONFIG: cluster.kubeconfigPath,
      TODO_OPS_HELM: helmPath(),
      TODO_OPS_CHART: APP_CHART,
      ...TEST_SECRETS,
      PATH: process.env.PATH,
    });
    const code = await runCli(
      [
        'node',
        'todo-ops',
        '--namespace',
        cluster.namespace,
        'run',
        'scale backend to 4',
        '--dry-run',
        '--json',
      ],
      io.runtime,
    );
    expect(code, io.err()).toBe(0);
    const fromRun = (JSON.parse(io.out()) as { calls: Array<{ plan?: ChangePreview }> }).calls[0]
      ?.plan;

    // The chat: the same agent and approval question the Ink app uses.
    const asked: PlannedCall[] = [];
    const agent = new Agent({
      tools: allTools(),
      deps,
      settings: { model: 'none' },
      systemPrompt: 'You are todo-ops.',
      approval: {
        ask: async (call) => {
          asked.push(call);
          return 'no';
        },
      },
    });
    const turn = await agent.send('scale backend to 4');
    expect(turn.calls[0]).toMatchObject({ tool: 'scale', status: 'declined' });
    const fromChat = asked[0]?.preview;

    // MCP: a client that cannot be asked gets the refusal with the plan, before any write.
    const link = await linkClient(buildServer({ tools: allTools(), deps }));
    let fromMcp: unknown;
    try {
      const result = await link.client.callTool({
        name: 'scale',
        arguments: { component: 'backend', replicas: 4 },
      });
      expect(result.isError).toBe(true);
      fromMcp = (result.structuredContent as { plan?: unknown }).plan;
    } finally {
      await link.close();
    }

    expect(fromChat?.objects).toEqual([
      {
        kind: 'Deployment',
        name: 'todo-app-backend',
        action: 'update',
        fields: [{ path: 'spec.replicas', before: 3, after: 4 }],
      },
    ]);
    expect(fromRun).toEqual(fromChat);
    expect(fromMcp).toEqual(fromChat);
    expect(await revision()).toBe(2);
  });

  it('replicas changed behind Helm: scaling back to the release value is a change, and runs', async () => {
    await cluster.apps.patchNamespacedDeploymentScale(
      {
        name: 'todo-app-backend',
        namespace: cluster.namespace,
        body: { spec: { replicas: 5 } },
        fieldManager: 'other-ops-tool',
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const outcome = await executeCall(
      scaleTool,
      { component: 'backend', replicas: 3 },
      'user',
      { approval: { standing: true } },
      { deps },
    );
    expect(outcome.call.preview?.objects).toEqual([
      {
        kind: 'Deployment',
        name: 'todo-app-backend',
        action: 'update',
        fields: [{ path: 'spec.replicas', before: 5, after: 3 }],
      },
    ]);
    expect(outcome.status, outcome.text).toBe('ok');
    expect(await revision()).toBe(3);
  });

  it('a rollback plans the live manifests against those of the revision it returns to', async () => {
    const outcome = await executeCall(
      rollbackTool,
      { revision: 1 },
      'user',
      { dryRun: true, approval: {} },
      { deps },
    );
    expect(outcome.call.preview?.objects).toEqual([
      {
        kind: 'Deployment',
        name: 'todo-app-backend',
        action: 'update',
        fields: [{ path: 'spec.replicas', before: 3, after: 2 }],
      },
    ]);
    expect(await revision()).toBe(3);
  });
});
