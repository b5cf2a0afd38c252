/** `guide`: kubectl-ai and kagent guidance on a topic, from docs/ai-ops.md. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { guard } from './common.js';
import { ok, onFirstUse } from './contract.js';
import type { OpsTool } from './deps.js';

/**
 * The kagent release the chart's kagent objects are written for. Its CRDs serve
 * kagent.dev/v1alpha2 (ModelConfig, RemoteMCPServer, Agent with requireApproval); kagent
 * 1.x serves only v1alpha3, so an unpinned install breaks `ops.kagent.enabled`. Every
 * kagent install command in the docs and in the guidance below uses this version.
 */
export const KAGENT_VERSION = '0.9.12';

/**
 * Used when docs/ai-ops.md is not shipped (the in-cluster ops image, where kagent's agent
 * calls `guide`): the essentials.
 */
export const BUILT_IN = `# kubectl-ai
Install: \`curl -sSL https://raw.githubusercontent.com/GoogleCloudPlatform/kubectl-ai/main/install.sh | bash\` (Linux, macOS) or \`kubectl krew install ai\`.
kubectl-ai uses Gemini unless told otherwise. With OpenAI: export OPENAI_API_KEY, then pass the provider and a model on every run: \`kubectl-ai --llm-provider=openai --model=gpt-4.1\`.
Examples: \`kubectl-ai --llm-provider=openai --model=gpt-4.1 --quiet "show all pods in the todo namespace"\`, \`kubectl-ai --llm-provider=openai --model=gpt-4.1 --quiet "why is the backend pod failing in namespace todo"\`.
It proposes kubectl commands and asks before running ones that change resources; use \`todo-ops scale\` for replicas so Helm stays the source of truth.

# kagent
Install kagent ${KAGENT_VERSION} (its CRDs serve kagent.dev/v1alpha2, which the chart's kagent objects use): \`helm install kagent-crds oci://ghcr.io/kagent-dev/kagent/helm/kagent-crds --version ${KAGENT_VERSION} -n kagent --create-namespace\`, then \`helm install kagent oci://ghcr.io/kagent-dev/kagent/helm/kagent --version ${KAGENT_VERSION} -n kagent --set providers.openAI.apiKey=$OPENAI_API_KEY\`.
Point kagent at todo-ops: enable the chart's ops section (ops.enabled=true, ops.kagent.enabled=true), which creates a RemoteMCPServer for the in-cluster todo-ops MCP server and an Agent using it.
Ask it: "diagnose the todo app", "show the warnings from the last hour", "is the app working end to end?". Scale and restart wait for your approval in the kagent dashboard (\`kagent dashboard\`); \`kagent invoke\` cannot approve. Deploy, rollback and teardown are not among the agent's tools: run them with the todo-ops CLI (\`todo-ops rollback\`).
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

const output = onFirstUse(() =>
  z.object({
    source: z.string().describe('docs/ai-ops.md, or built-in when the docs are not shipped'),
    sections: z
      .array(z.object({ heading: z.string(), body: z.string() }))
      .describe('the most relevant sections, best first'),
  }),
);

/** Gives guidance. */
export const guideTool: OpsTool<typeof input, z.infer<ReturnType<typeof output>>> = {
  name: 'guide',
  title: 'AI-ops guidance',
  description:
    'Guidance on using kubectl-ai and kagent with the todo app (install, configuration, example prompts, troubleshooting), from docs/ai-ops.md. Read-only; no cluster access.',
  input,
  get output() {
    return output();
  },
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
