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
});
