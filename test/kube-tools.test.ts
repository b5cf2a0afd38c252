import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmPath, kubectlPath } from './support/kube-tools.js';

describe('helm and kubectl from the npm package', () => {
  it('helm reports v4 and kubectl a v1.35 client', () => {
    expect(execFileSync(helmPath(), ['version', '--short'], { encoding: 'utf8' })).toMatch(/^v4\./);
    const client = JSON.parse(
      execFileSync(kubectlPath(), ['version', '--client', '-o', 'json'], { encoding: 'utf8' }),
    ) as { clientVersion: { major: string; minor: string } };
    expect(`${client.clientVersion.major}.${client.clientVersion.minor}`).toBe('1.35');
  });

  it('renders a trivial chart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'todo-ops-chart-'));
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: trivial\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'values.yaml'), 'greeting: hello\n');
    writeFileSync(
      join(dir, 'templates', 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting | quote }}\n',
    );
    const out = execFileSync(helmPath(), ['template', 'demo', dir, '--set', 'greeting=hi'], {
      encoding: 'utf8',
    });
    expect(out).toContain('name: demo-cm');
    expect(out).toContain('greeting: "hi"');
  });
});
