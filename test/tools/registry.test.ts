import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callEffect } from '../../tools/contract.js';
import { TOOL_NAMES } from '../../tools/names.js';
import { allTools, findTool } from '../../tools/registry.js';

const tool = (name: string) => {
  const found = findTool(name);
  if (!found) throw new Error(`no tool ${name}`);
  return found;
};
const fields = (name: string) => Object.keys(findTool(name)?.input.shape ?? {}).sort();

describe('tool registry', () => {
  it('has exactly one tool per name in TOOL_NAMES', () => {
    expect(allTools().map((t) => t.name)).toEqual([...TOOL_NAMES]);
    expect(findTool('scale')?.name).toBe('scale');
    expect(findTool('toString')).toBeUndefined();
  });

  it('describes every input field and generates a JSON schema for each tool', () => {
    for (const tool of allTools()) {
      expect(tool.description.length, tool.name).toBeGreaterThan(40);
      for (const [field, schema] of Object.entries(tool.input.shape)) {
        expect((schema as z.ZodType).description, `${tool.name}.${field}`).toBeTruthy();
      }
      const json = z.toJSONSchema(tool.input, { io: 'input' }) as { type: string };
      expect(json.type).toBe('object');
    }
  });

  it('keeps the input field names the fast-path router emits', () => {
    expect(fields('scale')).toEqual(['component', 'replicas']);
    expect(fields('logs')).toEqual(['component', 'pod', 'previous', 'since', 'tail']);
    expect(fields('events')).toEqual(['component', 'warningsOnly']);
    expect(fields('diagnose')).toEqual(['component']);
    expect(fields('restart')).toEqual(['component']);
    expect(fields('rollback')).toEqual(['revision']);
    expect(fields('history')).toEqual([]);
    expect(fields('status')).toEqual([]);
    expect(fields('teardown')).toEqual(['removeImages', 'stopMinikube']);
    expect(fields('build_images')).toEqual(['component']);
    expect(fields('hosts_entry')).toEqual(['action']);
    expect(fields('guide')).toEqual(['topic']);
    expect(fields('deploy')).toEqual(['build', 'noProof', 'noRollback', 'secretsFile', 'set']);
    expect(findTool('logs')?.input.parse({ component: 'backend' })).toEqual({
      component: 'backend',
      tail: 100,
    });
  });

  it('bounds inputs: replicas, tail, components', () => {
    const scale = tool('scale').input;
    expect(scale.safeParse({ component: 'backend', replicas: 3 }).success).toBe(true);
    expect(scale.safeParse({ component: 'backend', replicas: -1 }).success).toBe(false);
    expect(scale.safeParse({ component: 'postgresql', replicas: 2 }).success).toBe(false);
    expect(scale.safeParse({ component: 'backend', replicas: 1.5 }).success).toBe(false);
    expect(tool('logs').input.safeParse({ component: 'backend', tail: 100000 }).success).toBe(
      false,
    );
    expect(tool('logs').input.safeParse({ pod: 'x; rm -rf /' }).success).toBe(false);
  });

  it('gives every tool an output schema, and every tool that can change something a plan', () => {
    for (const tool of allTools()) {
      const json = z.toJSONSchema(tool.output, { io: 'output', unrepresentable: 'any' }) as {
        type: string;
      };
      expect(json.type, tool.name).toBe('object');
      expect(tool.view, `${tool.name} has a view`).toBeTypeOf('function');
      if (tool.effect !== 'read')
        expect(tool.plan, `${tool.name} has a plan`).toBeTypeOf('function');
      for (const field of tool.positionals ?? [])
        expect(Object.keys(tool.input.shape), `${tool.name} positional ${field}`).toContain(field);
    }
  });

  it('marks what changes the cluster', () => {
    const effects = Object.fromEntries(allTools().map((t) => [t.name, t.effect]));
    expect(effects).toMatchObject({
      status: 'read',
      logs: 'read',
      diagnose: 'read',
      scale: 'write',
      deploy: 'write',
      restart: 'write',
      rollback: 'write',
      teardown: 'destructive',
      // It signs up a user, writes tasks and may spend the app's model tokens.
      verify: 'write',
    });
    const hosts = tool('hosts_entry');
    expect(callEffect(hosts, { action: 'show' })).toBe('read');
    expect(callEffect(hosts, { action: 'add' })).toBe('write');
  });
});
