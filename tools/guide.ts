/** `guide`: kubectl-ai and kagent guidance on a topic, from docs/ai-ops.md. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { guard } from './common.js';
import { ok } from './contract.js';
import type { OpsTool } from './deps.js';

/** Used when docs/ai-ops.md is not shipped: the essentials. */
const BUILT_IN = `# kubectl-ai
Install: \`brew install kubectl-ai\` or \`go install github.com/GoogleCloudPlatform/kubectl-ai/cmd/kubectl-ai@latest\`; set OPENAI_API_KEY (or use --llm-provider ollama).
Examples: \`kubectl-ai "show all pods in the todo namespace"\`, \`kubectl-ai "why is the backend pod failing in namespace todo"\`, \`kubectl-ai "scale todo-app-backend to 3 in namespace todo"\`.
It proposes kubectl commands and asks before running them; prefer \`todo-ops scale\` for replicas so Helm stays the source of truth.

# kagent
Install: \`helm install kagent-crds oci://ghcr.io/kagent-dev/kagent/helm/kagent-crds -n kagent --create-namespace\` then the kagent chart.
Point kagent at todo-ops: enable the chart's ops section (ops.enabled=true, ops.kagent.enabled=true), which creates a RemoteMCPServer for the in-cluster todo-ops MCP server and an Agent using it.
Ask it: "diagnose the todo app", "roll back the todo-app release".
`;

/** Splits markdown into sections at headings. */
export function sections(markdown: string): Array<{ heading: string; body: string }> {
  const out: Array<{ heading: string; body: string }> = [];
  for (const chunk of markdown.split(/\n(?=#{1,3} )/)) {
    const [first, ...rest] = chunk.split('\n');
    out.push({ heading: (first ?? '').replace(/^#+\s*/, ''), body: rest.join('\n').trim() });
  }
  return out.filter((s) => s.heading || s.body);
}

/** Sections most relevant to a topic (word overlap, heading weighted). */
export function relevant(
  markdown: string,
  topic: string,
  max = 3,
): Array<{ heading: string; body: string }> {
  const words = topic
    .toLowerCase()
    .split(/[^a-z0-9-]+/)
    .filter((w) => w.length > 2);
  const scored = sections(markdown).map((s) => {
    const heading = s.heading.toLowerCase();
    const body = s.body.toLowerCase();
    const score = words.reduce(
      (n, w) => n + (heading.includes(w) ? 3 : 0) + (body.includes(w) ? 1 : 0),
      0,
    );
    return { s, score };
  });
  const hits = scored.filter((x) => x.score > 0).sort((a, b) => b.score - a.score);
  return (hits.length ? hits : scored).slice(0, max).map((x) => x.s);
}

const input = z.object({
  topic: z
    .string()
    .min(1)
    .max(200)
    .describe('What to get guidance on, e.g. "install kubectl-ai", "kagent diagnose".'),
});

const output = z.object({
  source: z.string().describe('docs/ai-ops.md, or built-in when the docs are not shipped'),
  sections: z
    .array(z.object({ heading: z.string(), body: z.string() }))
    .describe('the most relevant sections, best first'),
});

/** Gives guidance. */
export const guideTool: OpsTool<typeof input, z.infer<typeof output>> = {
  name: 'guide',
  title: 'AI-ops guidance',
  description:
    'Guidance on using kubectl-ai and kagent with the todo app (install, configuration, example prompts, troubleshooting), from docs/ai-ops.md. Read-only; no cluster access.',
  input,
  output,
  effect: 'read',
  idempotent: true,
  positionals: ['topic'],
  view: (data) => data.sections.map((s) => ({ kind: 'text', text: `## ${s.heading}\n${s.body}` })),
  run: (args, ctx) =>
    guard(
      ctx,
      async () => {
        const path = join(ctx.deps.config.rootDir, 'docs/ai-ops.md');
        const text = existsSync(path) ? readFileSync(path, 'utf8') : BUILT_IN;
        const found = relevant(text, args.topic);
        return ok(
          `${found.length} section${found.length === 1 ? '' : 's'} on "${args.topic}": ${found.map((s) => s.heading).join('; ')}`,
          {
            source: existsSync(path) ? 'docs/ai-ops.md' : 'built-in',
            sections: found,
          },
        );
      },
      { cluster: false },
    ),
};
