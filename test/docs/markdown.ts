/**
 * Markdown helpers for the documentation tests: which files are the docs, their fenced
 * code blocks, their relative links and the anchors their headings produce.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '../..');

/** README.md and every page under docs/, as paths relative to the root. */
export function docFiles(root = ROOT): string[] {
  const docs = existsSync(join(root, 'docs'))
    ? readdirSync(join(root, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`)
    : [];
  return ['README.md', ...docs.sort()];
}

/** A fenced code block: its info string (language) and its lines. */
export interface CodeBlock {
  lang: string;
  lines: string[];
  /** 1-based line of the opening fence. */
  line: number;
}

/** A line that closes a block opened with `fence`: same character, at least as long. */
function isClosingFence(line: string, fence: string): boolean {
  const m = line.trim().match(/^(`{3,}|~{3,})$/);
  return Boolean(m?.[1] && m[1][0] === fence[0] && m[1].length >= fence.length);
}

/** Fenced code blocks (``` or ~~~) of a markdown text. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let open: { fence: string; block: CodeBlock } | undefined;
  markdown.split('\n').forEach((raw, i) => {
    const fence = raw.match(/^\s*(`{3,}|~{3,})\s*([\w-]*)/);
    if (!open && fence?.[1]) {
      open = { fence: fence[1], block: { lang: fence[2] ?? '', lines: [], line: i + 1 } };
    } else if (open && isClosingFence(raw, open.fence)) {
      blocks.push(open.block);
      open = undefined;
    } else if (open) {
      open.block.lines.push(raw);
    }
  });
  return blocks;
}

/** Markdown without its fenced code blocks. */
export function withoutFences(markdown: string): string {
  let inFence = false;
  return markdown
    .split('\n')
    .filter((line) => {
      if (/^\s*(`{3,}|~{3,})/.test(line)) {
        inFence = !inFence;
        return false;
      }
      return !inFence;
    })
    .join('\n');
}

/** Markdown with fenced blocks and inline code removed (links there are examples). */
export function prose(markdown: string): string {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, '');
}

/** Targets of inline links and images `[text](target)` outside code. */
export function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
    (m) => m[1] ?? '',
  );
}

/** GitHub's anchor for a heading text. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Anchors of every heading of a markdown text (duplicates get -1, -2, ... as on GitHub). */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of withoutFences(markdown).split('\n')) {
    const m = line.match(/^#{1,6}\s+(.+?)\s*#*\s*$/);
    if (!m?.[1]) continue;
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** The text of a file relative to the root. */
export const read = (path: string, root = ROOT): string => readFileSync(join(root, path), 'utf8');
