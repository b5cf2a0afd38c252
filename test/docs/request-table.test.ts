/**
 * The request table in docs/ai-ops.md states which requests the todo-ops fast path handles
 * and with which tool: the router must agree, row by row, and every tool in the router's
 * routing table must have a row.
 */
import { describe, expect, it } from 'vitest';
import { routeRequest } from '../../src/agent/router.js';
import { INTENTS } from '../../src/agent/router-grammar.js';
import { read } from './markdown.js';

interface RequestRow {
  request: string;
  tool: string;
  fastPath: boolean;
}

/** Rows of the table whose header starts with `| Request | kubectl |`. */
function requestRows(markdown: string): RequestRow[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^\|\s*Request\s*\|\s*kubectl\s*\|/.test(l));
  if (start < 0) return [];
  const rows: RequestRow[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    rows.push({
      request: cells[0] ?? '',
      tool: (cells[2] ?? '').replace(/`/g, ''),
      fastPath: /^yes/i.test(cells[4] ?? ''),
    });
  }
  return rows;
}

const rows = requestRows(read('docs/ai-ops.md'));

describe('docs/ai-ops.md request table', () => {
  it('has at least 20 requests, the seed examples among them', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
    const requests = rows.map((r) => r.request.toLowerCase());
    for (const seed of [
      'show all pods in todo namespace',
      'get backend logs',
      'scale backend to 3 replicas',
    ])
      expect(requests).toContain(seed);
    expect(requests.some((r) => /^why is pod \S+ failing$/.test(r))).toBe(true);
  });

  it('shows every tool of the routing table on the fast path', () => {
    const documented = new Set(rows.filter((r) => r.fastPath).map((r) => r.tool));
    expect([...new Set(INTENTS.map((i) => i.tool))].filter((t) => !documented.has(t))).toEqual([]);
  });

  it.each(rows.map((r) => [r.request, r] as const))('"%s"', (_request, row) => {
    const routed = routeRequest(row.request);
    if (row.fastPath) {
      expect(routed.routed && routed.call.tool).toBe(row.tool);
    } else {
      expect(routed.routed).toBe(false);
    }
  });
});
