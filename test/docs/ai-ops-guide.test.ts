/**
 * docs/ai-ops.md is what the `guide` tool answers from: each everyday topic must find the
 * section written for it, by the heading words `guide` matches on.
 */
import { describe, expect, it } from 'vitest';
import { relevant, sections } from '../../tools/guide.js';
import { read } from './markdown.js';

const aiOps = read('docs/ai-ops.md');

describe('docs/ai-ops.md through the guide tool', () => {
  it.each([
    ['install kubectl-ai', 'Install kubectl-ai'],
    ['kubectl-ai openai', 'kubectl-ai with OpenAI'],
    ['kubectl-ai ollama OpenAI-compatible server', 'kubectl-ai with OpenAI-compatible servers'],
    ['kubectl-ai mcp client todo-ops tools', 'kubectl-ai with todo-ops tools (MCP client)'],
    ['install kagent', 'Install kagent'],
    ['kagent invoke', 'kagent invoke'],
    ['kagent RemoteMCPServer', 'kagent with todo-ops as a RemoteMCPServer'],
    ['kagent diagnose', 'kagent diagnose the todo app'],
    ['natural-language requests', 'Natural-language requests'],
  ])('"%s" leads with "%s"', (topic, heading) => {
    expect(relevant(aiOps, topic)[0]?.heading).toBe(heading);
  });

  it('has a section for every heading and no empty ones', () => {
    const all = sections(aiOps);
    expect(all.length).toBeGreaterThan(8);
    expect(all.filter((s) => !s.body).map((s) => s.heading)).toEqual([]);
  });
});
