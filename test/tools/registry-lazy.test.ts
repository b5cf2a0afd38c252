/**
 * The registry builds a tool when it is first asked for more than its name (a routed request
 * builds one tool, a listing all of them), and a tool it hands out behaves as its definition.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOOL_NAMES } from '../../tools/names.js';
import { allTools, findTool, TOOL_BUILT_CHANNEL } from '../../tools/registry.js';
import { scaleTool } from '../../tools/scale.js';

let built: string[] = [];
const record = (message: unknown) => void built.push((message as { name: string }).name);

beforeEach(() => {
  built = [];
  subscribe(TOOL_BUILT_CHANNEL, record);
});
afterEach(() => unsubscribe(TOOL_BUILT_CHANNEL, record));

describe('tools built on first use', () => {
  it('names every tool without building any, and builds a tool once, when first used', () => {
    expect(allTools().map((tool) => tool.name)).toEqual([...TOOL_NAMES]);
    expect(findTool('scale')?.name).toBe('scale');
    expect(built).toEqual([]);

    const scale = findTool('scale');
    expect(scale?.effect).toBe('write');
    expect(scale?.input.parse({ component: 'backend', replicas: 3 })).toEqual({
      component: 'backend',
      replicas: 3,
    });
    expect(built).toEqual(['scale']);

    // Listing them builds the rest, each once.
    for (const tool of allTools()) expect(tool.description.length).toBeGreaterThan(0);
    expect(built.sort()).toEqual([...TOOL_NAMES].sort());
  });

  it('hands out a tool that behaves as its definition', () => {
    const scale = findTool('scale');
    if (!scale) throw new Error('no scale tool');
    expect(findTool('scale')).toBe(scale);
    expect({ ...scale }).toEqual({ ...scaleTool });
    expect(Object.keys(scale)).toEqual(Object.keys(scaleTool));
    expect('plan' in scale).toBe(true);
    expect('effectOf' in scale).toBe('effectOf' in scaleTool);
    expect(scale.input).toBe(scaleTool.input);
    expect(
      scale.plan?.({ component: 'backend', replicas: 3 }, {
        config: { inCluster: false },
      } as never),
    ).toBe(
      scaleTool.plan?.({ component: 'backend', replicas: 3 }, {
        config: { inCluster: false },
      } as never),
    );
  });

  it('has no tool for other names', () => {
    for (const name of ['toString', 'constructor', 'kubectl_exec', 'build-images'])
      expect(findTool(name)).toBeUndefined();
  });
});
