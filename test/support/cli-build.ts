/**
 * A fresh build of the CLI bundle (scripts/build-cli.mjs) laid out as the npm package is:
 * package.json, bin/, dist/cli/, prompts/, charts/, docs/ in a temporary folder. Tests run
 * what users run without touching this checkout's own dist/.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** A built package folder and what the bundle is made of. */
export interface CliBuild {
  dir: string;
  bin: string;
  /** Output file of dist/cli -> the source files bundled into it (esbuild's metafile). */
  outputs: Record<string, string[]>;
  remove(): void;
}

/** Builds the bundle into a temporary package folder. */
export function buildCli(): CliBuild {
  const dir = mkdtempSync(join(tmpdir(), 'todo-ops-build-'));
  execFileSync(process.execPath, [join(repo, 'scripts/build-cli.mjs'), join(dir, 'dist/cli')], {
    cwd: repo,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  for (const entry of ['package.json', 'bin', 'prompts', 'charts', 'docs'])
    cpSync(join(repo, entry), join(dir, entry), { recursive: true });
  const meta = JSON.parse(readFileSync(join(dir, 'dist/cli/meta.json'), 'utf8')) as {
    outputs: Record<string, string[]>;
  };
  return {
    dir,
    bin: join(dir, 'bin/todo-ops.js'),
    outputs: meta.outputs,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The npm package a source file belongs to (`node_modules/@scope/name/...` -> `@scope/name`). */
export function packageOf(path: string): string | undefined {
  const match = path.match(/(?:^|[\\/])node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/);
  return match?.[1]?.replace(/\\/g, '/');
}
