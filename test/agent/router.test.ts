import { describe, expect, it } from 'vitest';
import { parseToolArgs } from '../../src/agent/calls.js';
import { routeRequest } from '../../src/agent/router.js';
import { findTool } from '../../tools/registry.js';
import { EVERYDAY, NOT_ROUTED, ROUTED } from './router-cases.js';

describe('fast-path router', () => {
  it('has a corpus big enough to mean something', () => {
    expect(ROUTED.length).toBeGreaterThanOrEqual(60);
    expect(NOT_ROUTED.length).toBeGreaterThanOrEqual(20);
  });

  it.each(ROUTED)('routes %j exactly', (request, expected) => {
    expect(routeRequest(request)).toEqual({ routed: true, call: expected });
  });

  it.each(NOT_ROUTED.map((request) => [request]))('leaves %j to the model', (request) => {
    expect(routeRequest(request).routed).toBe(false);
  });

  it.each(ROUTED)('%j routes to arguments the real tool accepts', (_request, expected) => {
    const tool = findTool(expected.tool);
    if (!tool) throw new Error(`no tool ${expected.tool} in the registry`);
    expect(parseToolArgs(tool, expected.args)).toMatchObject({ ok: true });
  });

  it('never routes wrongly (precision 100%) and reports recall', () => {
    let routed = 0;
    let wrong: string[] = [];
    for (const [request, expected] of EVERYDAY) {
      const route = routeRequest(request);
      if (!route.routed) continue;
      routed += 1;
      if (JSON.stringify(route.call) !== JSON.stringify(expected)) wrong = [...wrong, request];
    }
    const falseRoutes = NOT_ROUTED.filter((request) => routeRequest(request).routed);
    const precision = (routed - wrong.length) / (routed + falseRoutes.length);
    const recall = (routed - wrong.length) / EVERYDAY.length;
    process.stderr.write(
      `router: precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}% (${routed - wrong.length}/${EVERYDAY.length} everyday requests; ${NOT_ROUTED.length} must-not-route held)\n`,
    );
    expect(wrong).toEqual([]);
    expect(falseRoutes).toEqual([]);
    expect(precision).toBe(1);
  });
});
