/**
 * What a user copies from the docs, `guide`, `doctor` and the diagnose hints must work with
 * the real tools. Each rule below encodes one fact of an upstream tool and checks the
 * project's own text against it:
 *
 * - kubectl-ai (GoogleCloudPlatform/kubectl-ai, cmd/main.go `InitDefaults`): the provider
 *   defaults to `gemini` and the model to `gemini-2.5-pro`, and that model is always passed,
 *   so `OPENAI_MODEL` (gollm/openai.go) never applies; go.mod has a `replace` directive, so
 *   `go install ...@latest` refuses the module, and the program lives in `./cmd`.
 * - kagent: 0.9.x serves `kagent.dev/v1alpha2` (the chart's objects); 1.x serves only
 *   `v1alpha3`; `kagent invoke` (go/core/cli) sends one message and cannot approve a tool
 *   call that `requireApproval` holds.
 * - Minikube (cmd/minikube/cmd/start_flags.go): `start --memory/--cpus` on an existing
 *   cluster only warns "You cannot change the memory size for an existing minikube
 *   cluster. Please first delete the cluster."; binaries are published per CPU under
 *   github.com/kubernetes/minikube/releases/latest/download/.
 * - Helm 4 (pkg/cmd/flags.go): without `--wait`, install waits for hooks only.
 * - Homebrew (homebrew-core Formula/n/node@24.rb): `keg_only :versioned_formula`, so
 *   `node` is not on PATH until `brew link node@24`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { V1PodSpec } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { analyzePending } from '../../tools/diagnose/pending.js';
import { HELM_UPGRADE, installCommands } from '../../tools/doctor.js';
import { BUILT_IN, KAGENT_VERSION } from '../../tools/guide.js';
import { NOW, pod, state } from '../tools/diagnose/fixtures.js';
import { codeBlocks, docFiles, ROOT, read } from './markdown.js';

/** Every text of the project a user may copy a command from, by name. */
function projectTexts(): Array<{ name: string; text: string }> {
  const markdown = [...docFiles(), 'charts/todo-app/README.md'].map((name) => ({
    name,
    text: read(name),
  }));
  const doctor = ['x64', 'arm64'].flatMap((arch) =>
    Object.entries(installCommands(arch)).flatMap(([tool, byOs]) =>
      Object.entries(byOs).map(([os, text]) => ({ name: `doctor ${tool} ${os} ${arch}`, text })),
    ),
  );
  return [
    ...markdown,
    { name: 'charts/todo-app/values.yaml', text: read('charts/todo-app/values.yaml') },
    {
      name: 'charts/todo-app/templates/NOTES.txt',
      text: read('charts/todo-app/templates/NOTES.txt'),
    },
    { name: 'guide built-in text', text: BUILT_IN },
    ...doctor,
    ...Object.entries(HELM_UPGRADE).map(([os, text]) => ({
      name: `doctor helm upgrade ${os}`,
      text,
    })),
  ];
}

/** Commands in a text: fenced code lines (with `\` continuations joined) and inline code. */
function commandsIn(text: string): string[] {
  const out: string[] = [];
  for (const block of codeBlocks(text)) {
    let pending = '';
    for (const line of block.lines) {
      const joined = `${pending}${line.trim()}`;
      if (joined.endsWith('\\')) pending = `${joined.slice(0, -1)} `;
      else {
        out.push(joined);
        pending = '';
      }
    }
  }
  // Inline code with no space is a name (`kubectl-ai`, `OPENAI_MODEL`), not a command.
  for (const m of text.matchAll(/`([^`\n]+)`/g)) if (/\s/.test(m[1] ?? '')) out.push(m[1] ?? '');
  // Plain text (doctor's install commands) is one command line.
  if (!text.includes('`') && !text.includes('\n')) out.push(text);
  return out
    .map((c) => c.replace(/^\$\s+/, '').replace(/\s+#.*$/, ''))
    .flatMap((c) => c.split(/\s*(?:&&|;|\|\|)\s*/))
    .map((c) => c.trim())
    .filter(Boolean);
}

/** Paragraph-sized pieces of a text: a hint must be right within one of them. */
/** Paragraphs, with each row of a markdown table on its own. */
const paragraphs = (text: string): string[] =>
  text.split(/\n\s*\n/).flatMap((p) => (p.trimStart().startsWith('|') ? p.split('\n') : [p]));

const texts = projectTexts();
const allCommands = texts.flatMap(({ name, text }) =>
  commandsIn(text).map((command) => ({ name, command })),
);

describe('kubectl-ai commands', () => {
  const runs = allCommands.filter(({ command }) => /^kubectl-ai(\s|$)/.test(command));

  it('are there to check', () => {
    expect(runs.length).toBeGreaterThan(5);
  });

  it('name the provider on every run: kubectl-ai uses Gemini unless told otherwise', () => {
    const missing = runs.filter(
      ({ command }) =>
        !/^kubectl-ai\s+version\b/.test(command) && !/--llm-provider[=\s]/.test(command),
    );
    expect(missing).toEqual([]);
  });

  it('name the model whenever the provider is OpenAI: its --model default is gemini-2.5-pro', () => {
    const missing = runs.filter(
      ({ command }) =>
        /--llm-provider[=\s]+(openai|openai-compatible)\b/.test(command) &&
        !/--model[=\s]/.test(command),
    );
    expect(missing).toEqual([]);
  });

  it('are never installed with go install (go.mod has a replace directive)', () => {
    const goInstalls = allCommands.filter(({ command }) =>
      /go install\s+\S*kubectl-ai/.test(command),
    );
    expect(goInstalls).toEqual([]);
  });

  it('do not claim OPENAI_MODEL picks the model', () => {
    for (const { name, text } of texts.filter((t) => /kubectl-ai/.test(t.text))) {
      for (const sentence of text.split(/(?<=\.)\s+/)) {
        if (!sentence.includes('OPENAI_MODEL') || !/kubectl-ai|--model/.test(text)) continue;
        if (name === 'README.md') continue; // README's OPENAI_MODEL is the todo API's own
        expect(sentence, name).toMatch(/never used|ignored|no effect/);
      }
    }
  });
});

describe('kagent installs', () => {
  const installs = allCommands.filter(({ command }) =>
    /helm (install|upgrade)\b.*oci:\/\/ghcr\.io\/kagent-dev\/kagent\/helm\/kagent(-crds)?\b/.test(
      command,
    ),
  );
  const cliInstalls = allCommands.filter(({ command }) =>
    /get-kagent|brew install kagent/.test(command),
  );

  it('are there to check', () => {
    expect(installs.length).toBeGreaterThan(3);
    expect(cliInstalls.length).toBeGreaterThan(0);
  });

  it(`pin the one kagent version whose CRDs serve the chart's v1alpha2 objects (${KAGENT_VERSION})`, () => {
    const unpinned = installs.filter(
      ({ command }) => !command.includes(`--version ${KAGENT_VERSION}`),
    );
    expect(unpinned).toEqual([]);
    const cliUnpinned = cliInstalls.filter(
      ({ command }) => !command.includes(`--version v${KAGENT_VERSION}`),
    );
    expect(cliUnpinned).toEqual([]);
  });

  it('name no other kagent release in prose', () => {
    for (const { name, text } of texts) {
      for (const m of text.matchAll(/kagent (\d+\.\d+\.\d+)/g)) {
        expect(`${name}: kagent ${m[1]}`).toBe(`${name}: kagent ${KAGENT_VERSION}`);
      }
    }
  });

  it('stay on the CRD version the chart renders', () => {
    const template = read('charts/todo-app/templates/kagent.yaml');
    const versions = new Set(
      [...template.matchAll(/apiVersion: kagent\.dev\/(\w+)/g)].map((m) => m[1]),
    );
    expect([...versions]).toEqual(['v1alpha2']);
  });
});

describe('what kagent is asked to do', () => {
  const values = parseYaml(readFileSync(join(ROOT, 'charts/todo-app/values.yaml'), 'utf8')) as {
    ops: { kagent: { toolNames: string[]; requireApproval: string[] } };
  };
  const { toolNames, requireApproval } = values.ops.kagent;
  /** How a request for each todo-ops tool the agent does not have reads. */
  const missingToolWords: Record<string, RegExp> = {
    rollback: /roll(ing)?\s*back|rollback/i,
    deploy: /\bdeploy/i,
    teardown: /tear\s*down|teardown|uninstall/i,
  };

  it("suggests only tasks the chart's kagent tool list can do", () => {
    for (const tool of Object.keys(missingToolWords)) expect(toolNames).not.toContain(tool);
    const asks = BUILT_IN.match(/^Ask it: (.*)$/m)?.[1] ?? '';
    const prompts = [...asks.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(prompts.length).toBeGreaterThan(1);
    for (const prompt of prompts) {
      for (const [tool, words] of Object.entries(missingToolWords)) {
        expect(prompt, `kagent has no ${tool} tool`).not.toMatch(words);
      }
    }
    const table = read('docs/ai-ops.md').split('## kagent diagnose the todo app')[1] ?? '';
    const called = [...(table.split('\n## ')[0] ?? '').matchAll(/^\|[^|]+\|([^|]+)\|/gm)]
      .flatMap((m) => [...(m[1] ?? '').matchAll(/`(\w+)`/g)].map((c) => c[1] ?? ''))
      .filter((name) => name !== 'previous');
    expect(called.length).toBeGreaterThan(3);
    for (const name of called) expect(toolNames).toContain(name);
  });

  it('never sends kagent invoke a task that needs approval: invoke cannot approve', () => {
    const tasks = allCommands
      .filter(({ command }) => /^kagent invoke\b/.test(command))
      .map(({ command }) => command.match(/--task\s+"([^"]+)"/)?.[1] ?? '');
    expect(tasks.length).toBeGreaterThan(2);
    for (const task of tasks) {
      for (const tool of requireApproval) {
        expect(task.toLowerCase()).not.toMatch(new RegExp(`\\b${tool}`));
      }
    }
  });

  it('says where approval happens wherever it mentions one', () => {
    for (const { name, text } of texts.filter((t) => /kagent/.test(t.text))) {
      for (const piece of paragraphs(text)) {
        if (!/your approval|after you approve/i.test(piece)) continue;
        expect(`${name}: ${piece}`).toMatch(/dashboard/);
      }
    }
  });
});

describe('Minikube', () => {
  /** The Pending analyzer's fix for a pod the scheduler cannot place for lack of memory. */
  const pendingFix = (): string => {
    const unschedulable = pod('todo-app-backend-1', 'backend', {}, {});
    (unschedulable.spec as V1PodSpec).nodeName = undefined;
    unschedulable.status = {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: '0/1 nodes are available: 1 Insufficient memory.',
        },
      ],
    };
    return analyzePending(state({ pods: [unschedulable] }), NOW)[0]?.fix ?? '';
  };

  it('is never resized in place: every bigger start follows minikube delete', () => {
    const pieces = [
      ...texts.flatMap(({ name, text }) => paragraphs(text).map((piece) => ({ name, piece }))),
      { name: 'Pending analyzer', piece: pendingFix() },
    ];
    // Advice for a cluster that is too small (a first start, e.g. the set-up row of the
    // request table, may name its size: there is nothing to delete yet).
    const sized = pieces.filter(
      ({ piece }) =>
        /minikube start[^\n`]*--(memory|cpus)/.test(piece) &&
        /\b(bigger|larger|more (cpu|memory)|too small|resiz|grow|minikube stop)/i.test(piece),
    );
    expect(sized.length).toBeGreaterThan(2);
    for (const { name, piece } of sized) {
      const start = piece.search(/minikube start[^\n`]*--(memory|cpus)/);
      const del = piece.indexOf('minikube delete');
      expect(`${name}: ${piece}`).not.toMatch(
        /minikube stop\b[\s\S]*minikube start[^\n`]*--(memory|cpus)/,
      );
      expect(del >= 0 && del < start, `${name}: ${piece}`).toBe(true);
    }
  });

  it('downloads come from the per-CPU release assets, not the old amd64-only bucket path', () => {
    const downloads = allCommands.filter(({ command }) => /curl\b.*minikube-linux/.test(command));
    expect(downloads.length).toBeGreaterThan(2);
    for (const { name, command } of downloads) {
      expect(`${name}: ${command}`).toMatch(
        /https:\/\/github\.com\/kubernetes\/minikube\/releases\/latest\/download\/minikube-linux-(amd64|arm64|ppc64le|s390x)\b/,
      );
    }
    expect(installCommands('arm64').minikube?.linux).toContain('minikube-linux-arm64');
    expect(installCommands('x64').minikube?.linux).toContain('minikube-linux-amd64');
  });
});

describe('Helm', () => {
  it('is offered only as Helm 4', () => {
    for (const { name, text } of [
      ...texts,
      { name: 'tools/platform/helm.ts', text: read('tools/platform/helm.ts') },
    ]) {
      expect(`${name}: ${text}`).not.toMatch(/helm 3(\.\d+\+?)?\s*(or|\/)\s*4/i);
    }
  });

  it('waits for the release before helm test (Helm 4 waits only for hooks without --wait)', () => {
    for (const { name, text } of texts) {
      const lines = commandsIn(text);
      const testAt = lines.findIndex((c) => /^helm test\b/.test(c));
      if (testAt < 0) continue;
      const installs = lines
        .slice(0, testAt)
        .filter((c) => /^helm (install|upgrade)\b.*charts\/todo-app/.test(c));
      for (const install of installs) expect(`${name}: ${install}`).toMatch(/--wait\b/);
    }
  });
});

describe('Node.js from Homebrew', () => {
  it('links the keg-only node@24 wherever it is installed', () => {
    for (const { name, text } of texts) {
      for (const piece of paragraphs(text)) {
        if (!/brew install[^\n`]*\bnode@24/.test(piece)) continue;
        expect(`${name}: ${piece}`).toMatch(/brew link node@24|node@24\/bin/);
      }
    }
  });
});
