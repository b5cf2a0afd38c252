#!/usr/bin/env node
// The `todo-ops` command. Runs the bundle in dist/cli/ (built by `npm run build:cli`, and by
// `npm ci` / `npm install` in a checkout through the prepare script); in a checkout without
// a build it runs the TypeScript sources through tsx instead.

// Built-ins through process.getBuiltinModule: an `import` of them would read all their
// exports, and some exports load more of Node on first read.
const module = process.getBuiltinModule('node:module');
// Node keeps the compiled bundle on disk (NODE_COMPILE_CACHE, else a node-compile-cache
// folder in the OS temp dir), so later starts skip compiling it; NODE_DISABLE_COMPILE_CACHE=1
// turns that off.
module.enableCompileCache?.();

// With TODO_OPS_DEBUG the CLI prints stack traces: make them point at src/ and tools/ through
// the bundle's source maps (reading the maps costs start-up time, so only then).
if (process.env.TODO_OPS_DEBUG) process.setSourceMapsEnabled(true);

const { existsSync } = process.getBuiltinModule('node:fs');
const bundle = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(
      `todo-ops: not built: run \`npm run build:cli\` in ${new URL('..', import.meta.url).pathname}\n`,
    );
    process.exit(2);
  }
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
