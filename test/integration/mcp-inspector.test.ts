/**
 * The MCP server through the official MCP Inspector in CLI mode (npm
 * `@modelcontextprotocol/inspector`), as a person would check it before adding it to an IDE.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const INSPECTOR = '@modelcontextprotocol/inspector@2.12.0';
const server = [
  process.execPath,
  '--import',
  'tsx',
  fileURLToPath(new URL('../mcp/fixtures/stdio-test-server.ts', import.meta.url)),
];
const root = fileURLToPath(new URL('../..', import.meta.url));

async function inspect(...method: string[]) {
  const { stdout } = await run('npx', ['-y', INSPECTOR, '--cli', ...server, ...method], {
    cwd: root,
    timeout: 170_000,
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('MCP Inspector CLI', () => {
  it('lists the tools with annotations', async () => {
    const { tools } = (await inspect('--method', 'tools/list')) as {
      tools: Array<{ name: string; annotations?: Record<string, boolean> }>;
    };
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['status', 'scale', 'logs', 'diagnose']),
    );
    expect(tools.find((t) => t.name === 'status')?.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
  });

  it('calls status', async () => {
    const result = await inspect('--method', 'tools/call', '--tool-name', 'status');
    expect(result.structuredContent).toMatchObject({ ok: true });
    expect(JSON.stringify(result.content)).toContain('todo-app-backend');
  });
});
