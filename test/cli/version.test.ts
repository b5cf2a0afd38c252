import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/index.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('todo-ops --version / --help', () => {
  it('prints the package version', () => {
    let out = '';
    const program = buildProgram()
      .exitOverride()
      .configureOutput({ writeOut: (s) => (out += s) });
    expect(() => program.parse(['node', 'todo-ops', '--version'])).toThrow();
    expect(out.trim()).toBe(pkg.version);
  });

  it('works from the built output when it exists', () => {
    const bin = new URL('../../dist/src/cli/main.js', import.meta.url);
    let built: string;
    try {
      built = readFileSync(bin, 'utf8');
    } catch {
      return; // not built in this checkout: the source test above covers parsing
    }
    expect(built).toContain('runCli');
    const version = execFileSync(process.execPath, [bin.pathname, '--version'], {
      encoding: 'utf8',
    });
    expect(version.trim()).toBe(pkg.version);
    const help = execFileSync(process.execPath, [bin.pathname, '--help'], { encoding: 'utf8' });
    expect(help).toContain('Usage: todo-ops');
  });
});
