// Completes `.next/standalone` after `next build`: the standalone server serves
// `.next/static` and `public` only when they sit beside it, and Next.js leaves copying
// them to us. Afterwards `node .next/standalone/app/frontend/server.js` needs nothing else.
import { cpSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workspaceRoot = resolve(appDir, '../..');
const standaloneApp = join(appDir, '.next/standalone', relative(workspaceRoot, appDir));

if (!existsSync(join(standaloneApp, 'server.js'))) {
  console.error(`no standalone server at ${standaloneApp}: is output: 'standalone' set?`);
  process.exit(1);
}
cpSync(join(appDir, '.next/static'), join(standaloneApp, '.next/static'), { recursive: true });
if (existsSync(join(appDir, 'public'))) {
  cpSync(join(appDir, 'public'), join(standaloneApp, 'public'), { recursive: true });
}
