/**
 * The chart values table in docs/deployment.md is generated from values.yaml: it must be
 * up to date, and cover every key a user can set.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  DOC_PATH,
  END,
  renderValuesTable,
  replaceTable,
  START,
  VALUES_PATH,
  valuesRows,
} from '../../scripts/docs/values-table.mjs';

const valuesText = readFileSync(VALUES_PATH, 'utf8');

/** Every leaf path of a values object (a key holding a scalar, a list or an empty map). */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length)
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, `${prefix}${k}.`));
  return [prefix.slice(0, -1)];
}

describe('chart values table', () => {
  it('in docs/deployment.md matches charts/todo-app/values.yaml (run node scripts/docs/values-table.mjs)', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    expect(doc).toContain(START);
    expect(replaceTable(doc, renderValuesTable(valuesText))).toBe(doc);
  });

  it('covers every value, each with a description', () => {
    const rows = valuesRows(valuesText);
    const keys = rows.map((r) => r.key);
    for (const leaf of leafPaths(parse(valuesText)))
      expect(
        keys.some((k) => leaf === k || leaf.startsWith(`${k}.`)),
        leaf,
      ).toBe(true);
    expect(rows.filter((r) => !r.description).map((r) => r.key)).toEqual([]);
    expect(rows.find((r) => r.key === 'backend.replicas')).toMatchObject({
      type: 'int',
      default: '2',
    });
  });

  it('goes stale when a value changes', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    const changed = valuesText.replace(/^( {2}replicas:) 2$/m, '$1 4');
    expect(changed).not.toBe(valuesText);
    expect(replaceTable(doc, renderValuesTable(changed))).not.toBe(doc);
  });

  it('documents a commented map as one row and escapes table syntax', () => {
    const table = renderValuesTable(
      [
        'a:',
        '  # -- Resources | limits for <name>.',
        '  resources:',
        '    limits: { cpu: 1 }',
        '  # A section.',
        '  image:',
        '    # -- Tag.',
        '    tag: ""',
      ].join('\n'),
    );
    const rows = table
      .split('\n')
      .map((line) => line.split(/ +\| +/).map((c) => c.replace(/^\| |\s*\|$/g, '')));
    expect(rows).toContainEqual([
      '`a.resources`',
      'object',
      '`{"limits":{"cpu":1}}`',
      'Resources \\| limits for &lt;name&gt;.',
    ]);
    expect(rows).toContainEqual(['`a.image.tag`', 'string', '`""`', 'Tag.']);
    // Padded columns, as the formatter writes them: every line has the same length.
    expect(new Set(table.split('\n').map((line) => line.length)).size).toBe(1);
    expect(() => replaceTable('no markers', table)).toThrow(END);
  });

  it('script: --check exits 1 on a stale table, and a run rewrites it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'values-table-'));
    const doc = join(dir, 'deployment.md');
    const values = join(dir, 'values.yaml');
    writeFileSync(doc, `# Values\n\n${START}\n| old |\n${END}\n\nAfter.\n`);
    writeFileSync(values, '# -- How many.\nreplicas: 2\n');
    const script = 'scripts/docs/values-table.mjs';
    const args = ['--doc', doc, '--values', values];
    const stale = spawnSync(process.execPath, [script, '--check', ...args], { encoding: 'utf8' });
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/stale/);
    execFileSync(process.execPath, [script, ...args]);
    expect(readFileSync(doc, 'utf8')).toContain('| `replicas` | int  | `2`     | How many.   |');
    expect(readFileSync(doc, 'utf8')).toMatch(/After\.\n$/);
    expect(spawnSync(process.execPath, [script, '--check', ...args]).status).toBe(0);
  });
});
