/**
 * verify is what it is: a write. It signs up a throwaway user, writes tasks and may spend
 * the app's model tokens, so read-only mode hides and refuses it and `run` needs --yes.
 * The app here is a small stand-in answering the API verify walks through, counting the
 * accounts it creates.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent } from '../../src/agent/loop.js';
import { registerRunCommand } from '../../src/cli/run.js';
import { buildServer } from '../../src/mcp/server.js';
import { linkClient } from '../mcp/helpers.js';
import { recordingIo } from '../support/command-io.js';
import { newToolLog, type ToolLog, testDeps, testTools } from '../support/test-tools.js';

let app: Server;
let url: string;
let signups: number;
let log: ToolLog;

beforeEach(async () => {
  signups = 0;
  log = newToolLog();
  app = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    req.resume();
    req.on('end', () => {
      const path = req.url ?? '';
      if (path === '/health') return send(200, { status: 'healthy', database: 'connected' });
      if (path === '/api/auth/signup') {
        signups += 1;
        return send(201, { token: 't', user: { id: 7 } });
      }
      if (path === '/api/auth/signin') return send(200, { token: 't', user: { id: 7 } });
      if (path === '/api/7/tasks' && req.method === 'POST') return send(201, { id: 1 });
      if (path.startsWith('/api/7/tasks?')) return send(200, [{ id: 1 }]);
      if (path === '/api/7/chat') return send(503, { error: 'no model' });
      return send(200, {});
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/`;
});
afterEach(async () => {
  app.closeAllConnections();
  await new Promise<void>((resolve) => app.close(() => resolve()));
});

const deps = () => testDeps(log, { TODO_OPS_VERIFY_URL: url });

async function run(request: string, ...flags: string[]) {
  const { io, captured } = recordingIo({});
  const program = new Command('todo-ops').exitOverride();
  registerRunCommand(program, async () => ({ tools: testTools(log), deps: deps() }), io);
  await program.parseAsync(['node', 'todo-ops', 'run', request, ...flags]);
  return captured;
}

describe('verify is a write', () => {
  it('mcp --read-only neither lists nor runs verify, and creates no user', async () => {
    const link = await linkClient(
      buildServer({ tools: testTools(log), deps: deps(), readOnly: true }),
    );
    try {
      expect((await link.client.listTools()).tools.map((t) => t.name)).not.toContain('verify');
      const result = await link.client.callTool({ name: 'verify', arguments: {} });
      expect(result.isError).toBe(true);
    } finally {
      await link.close();
    }
    expect(signups).toBe(0);
  });

  it('run without --yes refuses it (exit 3) and creates no user; with --yes it runs', async () => {
    const refused = await run('verify');
    expect(refused.code).toBe(3);
    expect(refused.out).toContain('it would sign up a throwaway user on the app');
    expect(signups).toBe(0);
    const applied = await run('verify', '--yes');
    expect(applied.code).toBe(0);
    expect(signups).toBe(1);
  });

  it('the chat in read-only mode refuses it without asking', async () => {
    const asked: string[] = [];
    const agent = new Agent({
      tools: testTools(log),
      deps: deps(),
      settings: { model: 'none' },
      systemPrompt: '',
      readOnly: true,
      approval: {
        ask: async (call) => {
          asked.push(call.tool);
          return 'yes';
        },
      },
    });
    const outcome = await agent.send('verify');
    expect(outcome.calls[0]?.status).toBe('declined');
    expect(asked).toEqual([]);
    expect(signups).toBe(0);
  });
});
