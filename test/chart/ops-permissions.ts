/**
 * The in-cluster server's permissions three ways, in one shape: as documented (the table
 * in charts/todo-app/README.md), as the rendered Role grants them, and as
 * `kubectl auth can-i --list` reports them. Each is a sorted list of
 * "resource | names | verbs" lines, so they compare as equal or show what differs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from './helm-chart.js';
import { chartDir } from './helm-chart.js';

const line = (resource: string, names: string[], verbs: string[]) =>
  `${resource} | ${[...names].sort().join(',')} | ${[...new Set(verbs)].sort().join(',')}`;

/**
 * Lines as can-i shows them: one per resource and resource name (a rule naming two objects
 * gives two lines), verbs of the same resource and name merged.
 */
function merged(rules: Array<[string, string[], string[]]>): string[] {
  const entries = rules.flatMap(
    ([resource, names, verbs]): Array<[string, string[], string[]]> =>
      names.length ? names.map((name) => [resource, [name], verbs]) : [[resource, [], verbs]],
  );
  const byKey = new Map<string, [string, string[], string[]]>();
  for (const [resource, names, verbs] of entries) {
    const key = `${resource} | ${[...names].sort().join(',')}`;
    const seen = byKey.get(key);
    if (seen) seen[2].push(...verbs);
    else byKey.set(key, [resource, names, [...verbs]]);
  }
  return [...byKey.values()].map(([r, n, v]) => line(r, n, v)).sort();
}

const cells = (row: string) =>
  row
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim().replace(/`/g, ''));
const list = (cell: string) =>
  cell
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** The table between the ops-permissions markers of the chart's README. */
export function documentedPermissions(): string[] {
  const readme = readFileSync(join(chartDir, 'README.md'), 'utf8');
  const section = readme.split('<!-- ops-permissions')[1]?.split('<!-- /ops-permissions -->')[0];
  if (!section) throw new Error('no ops-permissions table in charts/todo-app/README.md');
  const rows = section
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map(cells);
  return merged(
    rows.map(([resource = '', names = '', verbs = '']) => [resource, list(names), list(verbs)]),
  );
}

/** What a rendered Role grants, with `group` spelt as kubectl does (`deployments.apps`). */
export function rolePermissions(role: Manifest): string[] {
  const entries: Array<[string, string[], string[]]> = [];
  for (const rule of role.rules as Manifest[]) {
    for (const group of rule.apiGroups as string[]) {
      for (const resource of rule.resources as string[]) {
        const [base, sub] = resource.split('/');
        const name = `${base}${group ? `.${group}` : ''}${sub ? `/${sub}` : ''}`;
        entries.push([name, (rule.resourceNames as string[] | undefined) ?? [], rule.verbs]);
      }
    }
  }
  return merged(entries);
}

/** The resource lines of `kubectl auth can-i --list` output. */
export function canIPermissions(output: string): string[] {
  const entries: Array<[string, string[], string[]]> = [];
  for (const row of output.split('\n').slice(1)) {
    // Resources  Non-Resource URLs  Resource Names  Verbs: lists are bracketed.
    const match = row.match(/^(\S*)\s+\[([^\]]*)\]\s+\[([^\]]*)\]\s+\[([^\]]*)\]\s*$/);
    if (!match?.[1]) continue;
    const words = (text = '') => text.split(/\s+/).filter(Boolean);
    entries.push([match[1], words(match[3]), words(match[4])]);
  }
  return merged(entries);
}
