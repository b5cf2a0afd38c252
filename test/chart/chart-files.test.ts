/** The chart's own files: lint clean, every value documented and typed, NOTES useful. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parse, parseDocument, type YAMLMap } from 'yaml';
import { chartDir, helm, requiredSecrets, setArgs } from './helm-chart.js';

interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  $ref?: string;
}

const schema = JSON.parse(
  readFileSync(join(chartDir, 'values.schema.json'), 'utf8'),
) as SchemaNode & {
  $defs: Record<string, SchemaNode>;
};
const valuesText = readFileSync(join(chartDir, 'values.yaml'), 'utf8');

const deref = (node: SchemaNode): SchemaNode =>
  node.$ref ? (schema.$defs[node.$ref.replace('#/$defs/', '')] as SchemaNode) : node;

/** Dotted paths of every key in values.yaml, with whether a comment documents it. */
function valueKeys(): { path: string; documented: boolean; leaf: boolean }[] {
  const doc = parseDocument(valuesText);
  const out: { path: string; documented: boolean; leaf: boolean }[] = [];
  const walk = (map: YAMLMap, prefix: string, first: boolean) => {
    map.items.forEach((pair, i) => {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      const path = prefix ? `${prefix}.${key}` : key;
      // The first key of a nested map carries its comment on the map itself.
      const comment =
        (isScalar(pair.key) && pair.key.commentBefore) ||
        (i === 0 && first ? (map.commentBefore ?? doc.commentBefore) : undefined);
      const leaf = !isMap(pair.value);
      out.push({ path, documented: Boolean(comment), leaf });
      if (isMap(pair.value)) walk(pair.value, path, true);
    });
  };
  walk(doc.contents as YAMLMap, '', true);
  return out;
}

describe('todo-app chart files', () => {
  it('passes helm lint --strict with the required secrets', () => {
    const run = helm(['lint', '--strict', chartDir, ...setArgs(requiredSecrets)]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('0 chart(s) failed');
    expect(run.stdout).not.toMatch(/\[(WARNING|ERROR)\]/);
  });

  it('passes helm lint --strict with ops, kagent and every option on', () => {
    const run = helm([
      'lint',
      '--strict',
      chartDir,
      ...setArgs({
        'secrets.existingSecret': 's',
        'ops.enabled': true,
        'ops.kagent.enabled': true,
        'networkPolicy.enabled': true,
        'podDisruptionBudget.enabled': true,
        'backend.autoscaling.enabled': true,
      }),
    ]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });

  it('is an apiVersion v2 chart with a version and an appVersion', () => {
    const chart = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as Record<
      string,
      string
    >;
    expect(chart.apiVersion).toBe('v2');
    expect(chart.name).toBe('todo-app');
    expect(chart.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(chart.appVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('documents every key of values.yaml with a comment', () => {
    // Below `resources` is Kubernetes' own ResourceRequirements, documented by the parent.
    const undocumented = valueKeys()
      .filter((k) => !k.documented && !/\.resources\./.test(k.path))
      .map((k) => k.path);
    expect(undocumented).toEqual([]);
  });

  it('keeps values.schema.json in step with values.yaml, both ways', () => {
    const keys = valueKeys();
    const missingInSchema: string[] = [];
    for (const { path } of keys) {
      let node: SchemaNode | undefined = schema;
      for (const part of path.split('.')) {
        node = node ? deref(node).properties?.[part] : undefined;
      }
      if (!node) missingInSchema.push(path);
    }
    expect(missingInSchema).toEqual([]);

    const inValues = new Set(keys.map((k) => k.path));
    const missingInValues: string[] = [];
    const walk = (node: SchemaNode, prefix: string) => {
      for (const [key, child] of Object.entries(deref(node).properties ?? {})) {
        const path = prefix ? `${prefix}.${key}` : key;
        if (path === 'global') continue; // helm's own
        if (!inValues.has(path)) missingInValues.push(path);
        walk(child, path);
      }
    };
    walk(schema, '');
    expect(missingInValues).toEqual([]);
  });

  it('forbids unknown keys in every object the chart defines itself', () => {
    const open: string[] = [];
    const walk = (node: SchemaNode, path: string) => {
      const n = deref(node);
      if (n.properties) {
        if (n.additionalProperties !== false) open.push(path || '(root)');
        for (const [key, child] of Object.entries(n.properties))
          walk(child, path ? `${path}.${key}` : key);
      }
    };
    walk(schema, '');
    expect(open).toEqual([]);
  });

  it('keeps the keys other parts of todo-ops rely on', () => {
    const values = parse(valuesText) as Record<string, Record<string, unknown>>;
    const paths = new Set(valueKeys().map((k) => k.path));
    for (const key of [
      'backend.replicas',
      'frontend.replicas',
      'backend.image.repository',
      'backend.image.tag',
      'frontend.image.repository',
      'frontend.image.tag',
      'ingress.host',
      'secrets.databaseUrl',
      'secrets.jwtSecret',
      'secrets.openaiApiKey',
      'secrets.existingSecret',
      'postgresql.enabled',
      'postgresql.auth.password',
    ]) {
      expect(paths.has(key), key).toBe(true);
    }
    expect(values.ingress?.host).toBe('todo.local');
    expect(values.postgresql?.enabled).toBe(true);
    // No working default for any secret.
    expect(values.secrets).toEqual({
      existingSecret: '',
      databaseUrl: '',
      jwtSecret: '',
      openaiApiKey: '',
    });
    expect((values.postgresql?.auth as Record<string, string> | undefined)?.password).toBe('');
    expect(valuesText).toMatch(/WARNING: .*plain text/);
  });

  it('prints the URL, the /etc/hosts line and next commands after install', () => {
    const run = helm([
      'install',
      'todo-app',
      chartDir,
      '--dry-run=client',
      '--namespace',
      'todo',
      ...setArgs(requiredSecrets),
    ]);
    expect(run.status, run.stderr).toBe(0);
    const notes = run.stdout.slice(run.stdout.indexOf('NOTES:'));
    expect(notes).toContain('http://todo.local/');
    expect(notes).toContain('echo "$(minikube ip) todo.local" | sudo tee -a /etc/hosts');
    expect(notes).toContain('todo-ops status');
    expect(notes).toContain('helm test todo-app -n todo');
  });
});
