import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the CLI says about itself, read from the package's own package.json. */
export interface PackageInfo {
  name: string;
  version: string;
  description: string;
  root: string;
}

let cached: PackageInfo | undefined;

/**
 * Finds todo-ops' package.json by walking up from this file, so the same code works
 * from `src/` under vitest and from the `dist/cli/` bundle once built or installed.
 */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as Partial<PackageInfo>;
      if (pkg.name === 'todo-ops' && pkg.version) {
        cached = {
          name: pkg.name,
          version: pkg.version,
          description: pkg.description ?? '',
          root: dir,
        };
        return cached;
      }
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`todo-ops package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
