/**
 * Every relative link in README.md and docs/ points at a file that exists, and every
 * `#anchor` at a heading of the target page: a renamed file or heading breaks this test.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchors, docFiles, linkTargets, ROOT, read, slug } from './markdown.js';

/** Problems with the relative links of `text`, the content of `file`. */
function brokenLinks(file: string, text = read(file), root = ROOT): string[] {
  const problems: string[] = [];
  for (const target of linkTargets(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
    const [path = '', anchor] = target.split('#');
    if (!path) {
      if (anchor && !anchors(text).has(anchor)) problems.push(`${file}: no heading #${anchor}`);
      continue;
    }
    const resolved = normalize(join(dirname(file), decodeURI(path)));
    if (resolved.startsWith('..')) {
      problems.push(`${file}: ${target} leaves the repository`);
      continue;
    }
    if (!existsSync(join(root, resolved))) {
      problems.push(`${file}: ${target} -> ${resolved} does not exist`);
      continue;
    }
    if (anchor && resolved.endsWith('.md') && statSync(join(root, resolved)).isFile()) {
      if (!anchors(read(resolved, root)).has(anchor))
        problems.push(`${file}: ${target} -> no heading #${anchor} in ${resolved}`);
    }
  }
  return problems;
}

describe('links in README and docs', () => {
  it('finds the docs', () => {
    expect(docFiles()).toContain('README.md');
  });

  for (const file of docFiles()) {
    it(`${file}: every relative link resolves`, () => {
      expect(brokenLinks(file)).toEqual([]);
    });
  }
});

describe('link checker', () => {
  it('derives GitHub anchors from headings', () => {
    expect(slug('Local DNS')).toBe('local-dns');
    expect(slug('When you need `minikube tunnel`')).toBe('when-you-need-minikube-tunnel');
    expect(slug('Secrets and existingSecret')).toBe('secrets-and-existingsecret');
    expect([...anchors('# A\n## A\n```\n# not a heading\n```\n')]).toEqual(['a', 'a-1']);
  });

  it('reports a missing file, a missing anchor and a link out of the repository', () => {
    const text =
      '[ok](../README.md) [ok](#here) [bad](#there) [bad](../README.md#no-such-heading) [bad](nowhere.md) ' +
      '[bad](../../etc/passwd) [web](https://example.com) `[code](skipped.md)`\n# Here\n';
    expect(brokenLinks('docs/page.md', text)).toEqual([
      'docs/page.md: no heading #there',
      'docs/page.md: ../README.md#no-such-heading -> no heading #no-such-heading in README.md',
      'docs/page.md: nowhere.md -> docs/nowhere.md does not exist',
      'docs/page.md: ../../etc/passwd leaves the repository',
    ]);
  });
});
