/**
 * Over MCP no argument of a call can approve it: the model that writes the call can write
 * any argument. A destructive call needs --allow-destructive and the user's own answer
 * through elicitation; without a way to ask (no elicitation, stateless HTTP) it is refused.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpEntry } from '../../src/mcp/http.js';
import { buildServer } from '../../src/mcp/server.js';
import { newToolLog, testDeps, testTools } from '../support/test-tools.js';
import { linkClient } from './helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('MCP approval', () => {
  it('a destructive call carrying confirm: true is refused when the user cannot be asked', async () => {
    const log = newToolLog();
    const link = await linkClient(
      buildServer({ tools: testTools(log), deps: testDeps(log), allowDestructive: true }),
    );
    cleanups.push(link.close);
    const result = await link.client.callTool({
      name: 'teardown',
      arguments: { confirm: true, stopMinikube: true },
    });
    expect(result.isError).toBe(true);
    expect(log.calls).toEqual([]);
    expect(log.changes).toEqual([]);
    expect(log.revisions).toHaveLength(1);
  });

  it('over stateless HTTP, confirm: true does not tear down either', async () => {
    const log = newToolLog();
    const entry = await startHttpEntry({
      host: '127.0.0.1',
      port: 0,
      buildServer: () =>
        buildServer({ tools: testTools(log), deps: testDeps(log), allowDestructive: true }),
    });
    cleanups.push(() => entry.close());
    const client = new Client({ name: 'http-approval', version: '0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(entry.url)));
    cleanups.push(() => client.close());
    const result = await client.callTool({ name: 'teardown', arguments: { confirm: true } });
    expect(result.isError).toBe(true);
    expect(log.changes).toEqual([]);
  });
});
