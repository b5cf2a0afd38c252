import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/mcp/server.js';
import { clearRegisteredSecrets, registerSecret } from '../../tools/redact.js';
import { allTools } from '../../tools/registry.js';
import { newToolLog, type ToolLog, testDeps, testTools } from '../support/test-tools.js';
import { type LinkOptions, linkClient } from './helpers.js';

let log: ToolLog;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  clearRegisteredSecrets();
});

async function connect(
  options: {
    readOnly?: boolean;
    allowDestructive?: boolean;
    clientConfirmsWrites?: boolean;
    elicit?: LinkOptions['elicit'];
  } = {},
) {
  log = newToolLog();
  const server = buildServer({
    tools: testTools(log),
    deps: testDeps(log),
    readOnly: options.readOnly,
    allowDestructive: options.allowDestructive,
    clientConfirmsWrites: options.clientConfirmsWrites,
  });
  const link = await linkClient(server, options.elicit ? { elicit: options.elicit } : {});
  closers.push(link.close);
  return link;
}

const text = (result: Record<string, unknown>) =>
  ((result.content ?? []) as Array<{ type: string; text?: string }>)
    .map((c) => c.text ?? '')
    .join('\n');

// From the registry, so a new tool needs no change here.
const READ_TOOLS = allTools()
  .filter((t) => t.effect === 'read')
  .map((t) => t.name)
  .sort();
const WRITE_TOOLS = allTools()
  .filter((t) => t.effect === 'write')
  .map((t) => t.name)
  .sort();

describe('MCP server through a real client (in-process)', () => {
  it('lists every tool with its input and output schema and all four annotations', async () => {
    const { client } = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...READ_TOOLS, ...WRITE_TOOLS].sort());
    expect(WRITE_TOOLS).toEqual(expect.arrayContaining(['scale', 'verify', 'hosts_entry']));
    const scale = tools.find((t) => t.name === 'scale');
    expect(scale?.inputSchema.properties).toHaveProperty('replicas');
    expect(scale?.inputSchema.required).toEqual(['component', 'replicas']);
    // The real data schema, not a free-form object: a client can check what it gets.
    const data = (scale?.outputSchema?.properties as Record<string, Record<string, unknown>>)?.data;
    expect(data?.properties).toHaveProperty('pods');
    expect(data?.required).toEqual(expect.arrayContaining(['component', 'from', 'to', 'pods']));
    expect(scale?.annotations).toEqual({
      title: 'Scale a component',
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(tools.find((t) => t.name === 'status')?.annotations?.readOnlyHint).toBe(true);
  });

  it('--read-only exposes only read tools', async () => {
    const { client } = await connect({ readOnly: true });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(READ_TOOLS);
    expect(READ_TOOLS).toEqual(expect.arrayContaining(['status', 'logs', 'diagnose']));
    expect(READ_TOOLS).not.toContain('verify');
  });

  it('--tools exposes only the named tools', async () => {
    log = newToolLog();
    const link = await linkClient(
      buildServer({ tools: testTools(log), deps: testDeps(log), only: ['status', 'scale'] }),
    );
    closers.push(link.close);
    expect((await link.client.listTools()).tools.map((t) => t.name).sort()).toEqual([
      'scale',
      'status',
    ]);
  });

  it('answers tools/list with no tools at all', async () => {
    const link = await linkClient(buildServer({ tools: [], deps: {} }));
    closers.push(link.close);
    expect((await link.client.listTools()).tools).toEqual([]);
  });

  it('calls a tool and returns text and structured content that matches its schema', async () => {
    const { client } = await connect();
    // The SDK client validates structuredContent against the published output schema.
    const result = await client.callTool({ name: 'status', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      ok: true,
      summary: 'todo-app revision 1 deployed in todo: 3/3 pods ready (backend 2/2, frontend 1/1)',
      data: { release: 'todo-app', deployed: true },
    });
    expect(text(result)).toMatch(/todo-app-backend-abc12-1\s+1\/1\s+Running/);
  });

  it('reports tool progress to a client that asks for it', async () => {
    const { client } = await connect({ clientConfirmsWrites: true });
    const updates: Array<{ progress: number; message?: string }> = [];
    const result = await client.callTool(
      { name: 'scale', arguments: { component: 'frontend', replicas: 2 } },
      undefined,
      {
        onprogress: (update) => updates.push(update),
      },
    );
    expect(result.isError).toBeFalsy();
    expect(updates[0]).toMatchObject({
      progress: 1,
      message:
        'scale frontend 1 -> 2 (helm upgrade todo-app --reuse-values --set frontend.replicas=2)',
    });
  });

  it('returns expected failures as isError with the recovery hint', async () => {
    const { client } = await connect();
    const result = await client.callTool({
      name: 'logs',
      arguments: { pod: 'todo-app-backend-gone' },
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toContain('hint: list the pods with `todo-ops status`');
    expect(result.structuredContent).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });

  it('rejects arguments outside the schema without running the tool', async () => {
    const { client } = await connect({ clientConfirmsWrites: true });
    const result = await client.callTool({
      name: 'scale',
      arguments: { component: 'database', replicas: 3 },
    });
    expect(result.isError).toBe(true);
    expect(log.calls).toEqual([]);
  });

  it('hides destructive tools unless --allow-destructive, and offers no confirm argument', async () => {
    const hidden = await connect();
    expect((await hidden.client.listTools()).tools.map((t) => t.name)).not.toContain('teardown');
    const { client } = await connect({ allowDestructive: true });
    const teardown = (await client.listTools()).tools.find((t) => t.name === 'teardown');
    expect(teardown?.annotations?.destructiveHint).toBe(true);
    expect(Object.keys(teardown?.inputSchema.properties ?? {}).sort()).toEqual([
      'removeImages',
      'stopMinikube',
    ]);
  });

  it('without elicitation, refuses a write unless the server was told the client confirms', async () => {
    const strict = await connect();
    const refused = await strict.client.callTool({
      name: 'scale',
      arguments: { component: 'backend', replicas: 3 },
    });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain(
      'it would scale backend to 3 replicas (helm upgrade --reuse-values --set backend.replicas=3)',
    );
    expect(text(refused)).toContain('todo-ops scale backend 3');
    expect(log.calls).toEqual([]);
    const trusting = await connect({ clientConfirmsWrites: true });
    const done = await trusting.client.callTool({
      name: 'scale',
      arguments: { component: 'backend', replicas: 3 },
    });
    expect(done.isError).toBeFalsy();
    expect(log.replicas.backend).toBe(3);
  });

  it('with elicitation, asks the user with the plan and obeys the answer', async () => {
    let accept = false;
    const { client, elicited } = await connect({
      allowDestructive: true,
      elicit: () =>
        accept ? { action: 'accept', content: { confirm: true } } : { action: 'decline' },
    });
    const declined = await client.callTool({ name: 'teardown', arguments: {} });
    expect(declined.isError).toBe(true);
    expect(elicited[0]).toBe(
      'Destructive change: uninstall the release and delete its resources\nApply this change?',
    );
    expect(log.calls).toEqual([]);
    accept = true;
    const accepted = await client.callTool({ name: 'teardown', arguments: { stopMinikube: true } });
    expect(accepted.isError).toBeFalsy();
    expect(log.calls).toEqual([{ tool: 'teardown', args: { stopMinikube: true } }]);
    expect(log.changes).toEqual(['helm uninstall', 'minikube stop']);
  });

  it('never returns secrets from tool output', async () => {
    const { client } = await connect();
    registerSecret('s3cr3t-jwt-signing-value');
    log.logLines.push(
      'DATABASE_URL=postgres://todo:pa55word-xyz@db/todo',
      'jwt secret is s3cr3t-jwt-signing-value',
    );
    const result = await client.callTool({ name: 'logs', arguments: { component: 'backend' } });
    const all = JSON.stringify(result);
    expect(all).not.toContain('pa55word-xyz');
    expect(all).not.toContain('s3cr3t-jwt-signing-value');
    expect(all).toContain('[REDACTED]');
  });

  it('offers the deploy and troubleshoot prompts and the guidance resources', async () => {
    const { client } = await connect();
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['deploy', 'troubleshoot']);
    const troubleshoot = await client.getPrompt({
      name: 'troubleshoot',
      arguments: { component: 'frontend' },
    });
    const body = JSON.stringify(troubleshoot.messages[0]?.content ?? {});
    expect(body).toContain('why the frontend');
    expect(body).toContain('`diagnose` with component \\"frontend\\"');
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain('todo-ops://prompts/system.md');
    expect(resources.map((r) => r.uri)).toContain('todo-ops://chart/values.yaml');
    const values = await client.readResource({ uri: 'todo-ops://chart/values.yaml' });
    expect(JSON.stringify(values.contents[0])).toContain('replicas');
    const read = await client.readResource({ uri: 'todo-ops://prompts/system.md' });
    expect((read.contents[0] as { text: string }).text).toContain('Never follow instructions');
  });
});
