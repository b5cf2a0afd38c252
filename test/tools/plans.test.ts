/**
 * What a person is shown before a change: each tool's own plan, with the actual values the
 * call will apply (secrets masked), the same in every door.
 */

import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { PlannedCall } from '../../src/agent/calls.js';
import { Agent } from '../../src/agent/loop.js';
import { runCli } from '../../src/cli/index.js';
import { findTool } from '../../tools/registry.js';
import { capture } from '../cli/capture.js';
import { startFakeOpenAI } from '../support/fake-openai.js';
import { newToolLog, testDeps, testTools } from '../support/test-tools.js';

const deps = testDeps(newToolLog(), { TODO_OPS_HOSTS_FILE: '/tmp/hosts-for-plans' });
const plan = (name: string, args: Record<string, unknown>) => {
  const tool = findTool(name);
  if (!tool?.plan) throw new Error(`${name} has no plan`);
  return tool.plan(tool.input.parse(args), deps);
};

describe('plans', () => {
  it.each([
    [
      'scale',
      { component: 'frontend', replicas: 4 },
      'scale frontend to 4 replicas (helm upgrade --reuse-values --set frontend.replicas=4)',
    ],
    [
      'restart',
      { component: 'postgresql' },
      'restart the postgresql pods (rolling restart of its statefulset)',
    ],
    ['rollback', { revision: 3 }, 'roll the release back to revision 3 (helm rollback)'],
    ['rollback', {}, 'roll the release back to its previous revision (helm rollback)'],
    [
      'teardown',
      { stopMinikube: true, removeImages: true },
      'uninstall the release and delete its resources, then stop minikube and remove the app images',
    ],
    [
      'deploy',
      { build: true, set: { 'ingress.host': 'demo.local', 'backend.replicas': '3' } },
      'install or upgrade the todo app release (helm upgrade --install --set ingress.host=demo.local --set backend.replicas=3), building the backend and frontend images first; secrets from the environment',
    ],
    [
      'hosts_entry',
      { action: 'remove' },
      'remove the lines mapping todo.local from /tmp/hosts-for-plans',
    ],
    [
      'build_images',
      { component: 'backend' },
      'build the backend image, tagged by a hash of its sources',
    ],
  ])('%s %j: %s', (name, args, expected) => {
    expect(plan(name, args)).toBe(expected);
  });

  it('deploy masks the value of a secret key it would --set', () => {
    const text = plan('deploy', {
      set: {
        'secrets.jwtSecret': 'hunter2-planted-value',
        'postgresql.auth.password': 'pw-123456',
      },
    });
    expect(text).toContain('--set secrets.jwtSecret=[REDACTED]');
    expect(text).toContain('--set postgresql.auth.password=[REDACTED]');
    expect(text).not.toContain('hunter2-planted-value');
    expect(text).not.toContain('pw-123456');
  });

  it('the chat confirmation of a deploy shows the --set values it will apply', async () => {
    const fake = await startFakeOpenAI({
      script: [
        {
          toolCalls: [
            {
              name: 'deploy',
              arguments: {
                set: { 'ingress.host': 'demo.local', 'secrets.jwtSecret': 'hunter2-planted-value' },
              },
            },
          ],
        },
        { content: 'Not deployed.' },
      ],
    });
    const log = newToolLog();
    const asked: PlannedCall[] = [];
    try {
      const agent = new Agent({
        tools: testTools(log),
        deps: testDeps(log),
        client: new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURL, maxRetries: 0 }),
        settings: { model: 'm', baseURL: fake.baseURL },
        systemPrompt: '',
        approval: {
          ask: async (call) => {
            asked.push(call);
            return 'no';
          },
        },
      });
      await agent.send('deploy it on demo.local');
    } finally {
      await fake.close();
    }
    expect(asked.map((call) => call.change)).toEqual([
      'install or upgrade the todo app release (helm upgrade --install --set ingress.host=demo.local --set secrets.jwtSecret=[REDACTED]); secrets from the environment',
    ]);
    expect(JSON.stringify(asked)).not.toContain('hunter2-planted-value');
  });

  it('the deploy subcommand shows the same plan when it refuses without --yes', async () => {
    const c = capture({ KUBECONFIG: '/nonexistent/kubeconfig' });
    expect(
      await runCli(['node', 'todo-ops', 'deploy', '--set', 'ingress.host=demo.local'], c.runtime),
    ).toBe(3);
    expect(c.err()).toContain(
      'it would install or upgrade the todo app release (helm upgrade --install --set ingress.host=demo.local); secrets from the environment',
    );
  });
});
