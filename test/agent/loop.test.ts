import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlannedCall } from '../../src/agent/calls.js';
import { Agent, type AgentEvent, type AgentOptions } from '../../src/agent/loop.js';
import { allTools } from '../../tools/registry.js';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai.js';
import { newToolLog, type ToolLog, testDeps, testTools } from '../support/test-tools.js';

const KEY = 'sk-test-key-for-the-fake-server-000';
let fake: FakeOpenAI;
let log: ToolLog;

beforeEach(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY, models: ['test-model'] });
  log = newToolLog();
});
afterEach(async () => {
  await fake.close();
});

function agent(overrides: Partial<AgentOptions> = {}, key = KEY, answer = false) {
  const confirmations: PlannedCall[] = [];
  const events: AgentEvent[] = [];
  const client = new OpenAI({ apiKey: key, baseURL: fake.baseURL, maxRetries: 0 });
  const a = new Agent({
    tools: testTools(log),
    deps: testDeps(log),
    client,
    settings: { model: 'test-model', baseURL: fake.baseURL },
    systemPrompt: 'You are todo-ops.',
    approval: {
      ask: async (call) => {
        confirmations.push(call);
        return answer ? 'yes' : 'no';
      },
    },
    onEvent: (event) => events.push(event),
    useRouter: false,
    maxRetries: 2,
    ...overrides,
  });
  return { agent: a, confirmations, events };
}

describe('agent loop against the scripted OpenAI server', () => {
  it('calls a tool, feeds the result back, streams the answer', async () => {
    fake.push(
      { toolCalls: [{ name: 'status', arguments: {} }] },
      { content: 'Backend has 2 ready pods and frontend 1.' },
    );
    const { agent: a, events } = agent();
    const outcome = await a.send('how is the app doing?');
    expect(outcome).toMatchObject({
      ok: true,
      routed: false,
      text: 'Backend has 2 ready pods and frontend 1.',
    });
    expect(log.calls).toEqual([{ tool: 'status', args: {} }]);
    const second = fake.requests[1]?.body;
    expect(second?.stream).toBe(true);
    const toolMessage = second?.messages?.find((m) => m.role === 'tool');
    expect(String(toolMessage?.content)).toContain('<tool-output tool="status">');
    expect(String(toolMessage?.content)).toContain('todo-app-backend-abc12-0');
    // The model reads the same text a person does: the tool's view, not raw JSON.
    expect(String(toolMessage?.content)).toMatch(/POD\s+READY\s+STATUS/);
    expect(fake.requests[0]?.body.tools?.map((t) => t.function.name)).toContain('scale');
    const streamed = events.flatMap((e) => (e.type === 'text' ? [e.delta] : [])).join('');
    expect(streamed).toBe('Backend has 2 ready pods and frontend 1.');
  });

  it('asks before a write call and runs it once confirmed', async () => {
    fake.push(
      { toolCalls: [{ name: 'scale', arguments: { component: 'backend', replicas: 3 } }] },
      { content: 'Scaled.' },
    );
    const { agent: a, confirmations } = agent({}, KEY, true);
    const outcome = await a.send('make the backend bigger');
    expect(confirmations.map((c) => c.change)).toEqual([
      'scale backend to 3 replicas (helm upgrade --reuse-values --set backend.replicas=3)',
    ]);
    expect(log.replicas.backend).toBe(3);
    expect(outcome.calls[0]).toMatchObject({ tool: 'scale', status: 'ok' });
  });

  it('recovers from malformed arguments: the model sees the error and retries', async () => {
    fake.push(
      { toolCalls: [{ name: 'logs', arguments: '{"component": "backend", "tail": ' }] },
      { toolCalls: [{ name: 'logs', arguments: { component: 'backnd' } }] },
      { toolCalls: [{ name: 'logs', arguments: { component: 'backend', tail: 5 } }] },
      { content: 'The backend is listening.' },
    );
    const { agent: a } = agent();
    const outcome = await a.send('backend logs please, last few lines');
    expect(outcome.ok).toBe(true);
    expect(outcome.calls.map((c) => c.status)).toEqual(['failed', 'failed', 'ok']);
    expect(log.calls).toEqual([{ tool: 'logs', args: { component: 'backend', tail: 5 } }]);
    const toolMessages = fake.requests[1]?.body.messages?.filter((m) => m.role === 'tool') ?? [];
    expect(String(toolMessages[0]?.content)).toContain('not valid JSON');
    const third = fake.requests[2]?.body.messages?.filter((m) => m.role === 'tool') ?? [];
    expect(String(third[1]?.content)).toMatch(/invalid arguments for logs: component/);
  });

  it('answers an unknown tool with the list of real ones', async () => {
    fake.push(
      { toolCalls: [{ name: 'kubectl_exec', arguments: { cmd: 'rm -rf /' } }] },
      { content: 'I cannot do that.' },
    );
    const { agent: a } = agent();
    const outcome = await a.send('exec into the pod');
    expect(outcome.calls[0]).toMatchObject({ tool: 'kubectl_exec', status: 'failed' });
    const tool = fake.requests[1]?.body.messages?.find((m) => m.role === 'tool');
    expect(String(tool?.content)).toContain('there is no tool named "kubectl_exec"');
    expect(String(tool?.content)).toContain('status');
    expect(log.calls).toEqual([]);
  });

  it('retries with backoff on 429 and 5xx, then succeeds', async () => {
    fake.push(
      { status: 429, headers: { 'retry-after-ms': '10' } },
      { status: 503, headers: { 'retry-after-ms': '10' } },
      { content: 'All good.' },
    );
    const { agent: a } = agent();
    const outcome = await a.send('hello');
    expect(outcome).toMatchObject({ ok: true, text: 'All good.' });
    expect(fake.requests).toHaveLength(3);
  });

  it('gives up after the retries with a clear message', async () => {
    fake.push(
      ...Array.from({ length: 3 }, () => ({ status: 429, headers: { 'retry-after-ms': '5' } })),
    );
    const outcome = await agent().agent.send('hello');
    expect(outcome.error?.kind).toBe('rate_limited');
    expect(outcome.error?.message).toContain('HTTP 429');
  });

  it('times out a model that does not answer', async () => {
    fake.push({ delayMs: 5_000, content: 'too late' });
    const outcome = await agent({ timeoutMs: 200, maxRetries: 0 }).agent.send('hello');
    expect(outcome.error?.kind).toBe('timeout');
    expect(outcome.error?.message).toContain('did not answer in time');
  });

  it('stops at the round cap', async () => {
    for (let i = 0; i < 3; i += 1) fake.push({ toolCalls: [{ name: 'status', arguments: {} }] });
    const outcome = await agent({ maxRounds: 3 }).agent.send('loop forever');
    expect(outcome.roundCapReached).toBe(true);
    expect(outcome.text).toContain('Stopped after 3 rounds');
    expect(log.calls).toHaveLength(3);
    expect(fake.remaining()).toBe(0);
  });

  it('says plainly when the key is wrong, the model unknown or the endpoint down', async () => {
    const badKey = await agent({}, 'sk-wrong-key-000000000000000').agent.send('hi');
    expect(badKey.error).toMatchObject({ kind: 'auth' });
    expect(badKey.error?.message).toContain('OPENAI_API_KEY');

    const unknownModel = await agent({
      settings: { model: 'nope', baseURL: fake.baseURL },
    }).agent.send('hi');
    expect(unknownModel.error?.kind).toBe('model_not_found');
    expect(unknownModel.error?.message).toContain('TODO_OPS_MODEL');

    const down = 'http://127.0.0.1:9/v1';
    const unreachable = new Agent({
      ...agent().agent.options,
      client: new OpenAI({ apiKey: KEY, baseURL: down, maxRetries: 0 }),
      settings: { model: 'test-model', baseURL: down },
      maxRetries: 0,
    });
    const outcome = await unreachable.send('hi');
    expect(outcome.error?.kind).toBe('unreachable');
    expect(outcome.error?.message).toContain('OPENAI_BASE_URL');
  });

  it('cancels a turn through its AbortSignal', async () => {
    fake.push({ delayMs: 5_000, content: 'late' });
    const controller = new AbortController();
    const pending = agent().agent.send('hello', controller.signal);
    await expect.poll(() => fake.requests.length).toBe(1);
    controller.abort();
    expect((await pending).error?.kind).toBe('cancelled');
  });

  it('takes the fast path without a model round trip', async () => {
    const { agent: a } = agent({ useRouter: true });
    const outcome = await a.send('show pods');
    expect(outcome).toMatchObject({ ok: true, routed: true });
    expect(log.calls).toEqual([{ tool: 'status', args: {} }]);
    expect(fake.requests).toHaveLength(0);
  });

  it('without a model, lists what works without one', async () => {
    const { agent: a } = agent({ client: undefined, useRouter: true });
    const outcome = await a.send('summarise the cluster for my manager');
    expect(outcome.error?.kind).toBe('no_model');
    expect(outcome.error?.message).toContain('scale backend to 3');
  });

  it('offers and runs only read tools in read-only mode', async () => {
    fake.push({ toolCalls: [{ name: 'teardown', arguments: {} }] }, { content: 'Read-only.' });
    const { agent: a, confirmations } = agent({ readOnly: true });
    const outcome = await a.send('remove everything');
    const offered = fake.requests[0]?.body.tools?.map((t) => t.function.name) ?? [];
    expect(offered.sort()).toEqual(
      allTools()
        .filter((t) => t.effect === 'read')
        .map((t) => t.name)
        .sort(),
    );
    expect(offered).not.toContain('verify');
    expect(outcome.calls[0]?.status).toBe('declined');
    expect(confirmations).toEqual([]);
    expect(log.calls).toEqual([]);
  });
});
