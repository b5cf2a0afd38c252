#!/usr/bin/env node
// Builds the `todo-ops` CLI with esbuild into dist/cli/ (or the folder given as the first
// argument): `npm run build:cli`, and `npm ci` through the prepare script.
//
// - main.js: the command tree and the tools, with the pieces only some commands need split
//   into chunks that load on first use (Ink and React for the chat, the MCP SDK for `mcp`,
//   the openai SDK for a model call). Each tool's module runs when the registry first builds
//   that tool (lazyToolModules below).
// - zod.js (and zod-*.js): zod, which every chunk imports (zodExternal below).
// - kube-sdk.cjs: the Kubernetes client (tools/platform/kube-sdk.ts), loaded synchronously
//   by tools/platform/kube.ts the first time a tool talks to the cluster.
// - *.map: source maps, so stack traces point at src/ and tools/ when Node reads them:
//   TODO_OPS_DEBUG=1 (bin/todo-ops.js turns them on), or NODE_OPTIONS=--enable-source-maps.
//   Reading them costs a sixth of the start-up time, so they are off otherwise.
// - mcp-listing.json: the MCP server's answers to initialize and tools/list, asked of the
//   real server over the registry's tools (src/mcp/precompute.ts), so `todo-ops mcp` answers
//   them before loading the SDK, zod or the tools (src/mcp/stdio-front.ts).
// - router-grammar.txt: the router's grammar, compiled here (routerGrammarData in
//   src/agent/router.ts, as grammarDataToText writes it) and read by the router's module as it
//   loads: a routed request reads back the parts it reaches (each sliced out by offset on
//   first use) instead of compiling it.
// - meta.json: esbuild's metafile (which sources went into which output file); the module
//   loading test reads it.
// Type checking stays with tsc (`npm run typecheck`); esbuild only strips types.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(root, process.argv[2] ?? 'dist/cli');
const KUBE_SDK_FILE = 'kube-sdk.cjs';
const ROUTER_GRAMMAR_FILE = 'router-grammar.txt';

/**
 * Node's built-in modules go through require() rather than import: an ES module view of a
 * built-in reads all its exports at once, which runs their lazy getters (node:http loads
 * Node's bundled undici, node:fs its streams and fs/promises, node:module the source map
 * support): tens of milliseconds of a start that should take a few tens in all. The heavier
 * ones (LAZY_BUILTINS) load on first use of one of their exports, so a command that never
 * hashes, spawns, prompts or listens does not load them at all.
 *
 * Every other built-in whose exports are a plain object (fs, util, path, os, url, ...) is
 * seen through the same kind of stand-in, of getters that read the real module: esbuild
 * copies the exports of a CommonJS module into each module that imports it, and reading the
 * property list of the real node:fs or node:util materializes their lazy exports (util alone
 * then loads worker_threads, its diff and its argument parser: milliseconds at every start).
 * Built-ins that are a function or a class (events, module, stream, assert) and `process`
 * (whose methods need it as `this`) are passed through as they are.
 *
 * Our own modules import a plain-object built-in's exports by name: for them each export is
 * a binding of its own, read from the real module when the importers load (only the names
 * something imports; esbuild drops the rest), so no module gets a copy of all of fs. A
 * heavier one's functions (createHash, randomBytes, connect, ...) are functions of their own
 * that load the module when first called: through the stand-in of getters, each importer
 * would get a copy of all its exports (esbuild's __toESM), four copies of crypto's 70 for
 * a dry run alone.
 */
const LAZY_BUILTINS = new Set([
  'child_process',
  'crypto',
  'dgram',
  'dns',
  'http',
  'http2',
  'https',
  'net',
  'readline',
  'readline/promises',
  'tls',
  'worker_threads',
  'zlib',
]);
const builtinsThroughRequire = {
  name: 'builtins-through-require',
  setup(plugin) {
    const require = createRequire(import.meta.url);
    const builtins = new Set(builtinModules);
    const plainObject = (name) =>
      !LAZY_BUILTINS.has(name) &&
      name !== 'process' &&
      typeof require(`node:${name}`) !== 'function';
    plugin.onResolve({ filter: /^(node:)?[a-z_/0-9]+$/ }, ({ path, kind, importer }) => {
      const name = path.replace(/^node:/, '');
      if (kind !== 'import-statement' || !builtins.has(name)) return undefined;
      const ours = !/[\\/]node_modules[\\/]/.test(importer);
      return {
        path: name,
        namespace: !ours
          ? 'node-builtin'
          : plainObject(name)
            ? 'node-builtin-named'
            : LAZY_BUILTINS.has(name)
              ? 'node-builtin-lazy-named'
              : 'node-builtin',
      };
    });
    plugin.onLoad({ filter: /.*/, namespace: 'node-builtin-named' }, ({ path }) => {
      const specifier = JSON.stringify(`node:${path}`);
      const names = Object.keys(require(`node:${path}`)).filter((key) =>
        /^[A-Za-z_$][\w$]*$/.test(key),
      );
      return {
        contents: [
          `const load = () => require(${specifier});`,
          'const pick = (key) => load()[key];',
          ...names.map(
            (key, i) => `const e${i} = /* @__PURE__ */ pick(${JSON.stringify(key)});
export { e${i} as ${key} };`,
          ),
          'export default /* @__PURE__ */ load();',
        ].join('\n'),
        loader: 'js',
      };
    });
    plugin.onLoad({ filter: /.*/, namespace: 'node-builtin-lazy-named' }, ({ path }) => {
      const specifier = JSON.stringify(`node:${path}`);
      const real = require(`node:${path}`);
      const names = Object.keys(real).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key));
      // A function (not a class) stands in for itself until called; anything else is read
      // from the module when the importer loads (the module loads then, not on first use).
      const forwards = (key) => typeof real[key] === 'function' && /^[a-z]/.test(key);
      return {
        contents: [
          // Declarations, so a forwarder works even before its module's code has run.
          'var loaded;',
          `function load() { return (loaded ??= require(${specifier})); }`,
          'function pick(key) { return load()[key]; }',
          ...names.map((key, i) =>
            forwards(key)
              ? `export function ${key}(...args) { return load().${key}(...args); }`
              : `const e${i} = /* @__PURE__ */ pick(${JSON.stringify(key)});
export { e${i} as ${key} };`,
          ),
          'export default /* @__PURE__ */ load();',
        ].join('\n'),
        loader: 'js',
      };
    });
    plugin.onLoad({ filter: /.*/, namespace: 'node-builtin' }, ({ path }) => {
      const specifier = JSON.stringify(`node:${path}`);
      const real = require(`node:${path}`);
      if (!LAZY_BUILTINS.has(path) && (typeof real === 'function' || path === 'process'))
        return { contents: `module.exports = require(${specifier});`, loader: 'js' };
      // Each export is a getter that loads the module on first read; the built-ins'
      // functions do not depend on `this`, so reading one off the module is safe.
      return {
        contents: `let loaded;
const load = () => (loaded ??= require(${specifier}));
for (const key of ${JSON.stringify(Object.keys(real))})
  Object.defineProperty(exports, key, { enumerable: true, get: () => load()[key] });`,
        loader: 'js',
      };
    });
  },
};

/**
 * zod re-exports every translation of its error messages (`z.locales`, half of zod's size in
 * the bundle) although only English is used, which zod registers by itself. The bundle keeps
 * English alone; `z.locales.<other>` is undefined in it.
 *
 * zod's conversion from JSON Schema (`z.fromJSONSchema`), which neither todo-ops nor the MCP
 * SDK uses, copies every schema and check constructor into an object when zod loads (a
 * tenth of zod's start-up); the bundle has a stand-in that says it is left out.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(plugin) {
    plugin.onLoad(
      { filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]classic[\\/]from-json-schema\.js$/ },
      () => ({
        contents: `export function fromJSONSchema() {
  throw new Error('z.fromJSONSchema is left out of the todo-ops bundle');
}`,
        loader: 'js',
      }),
    );
    plugin.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(importer)
        ? { path: join(dirname(importer), '../locales/index.js'), namespace: 'zod-locales' }
        : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'zod-locales' }, ({ path }) => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(path), 'en.js'))};`,
      loader: 'js',
      resolveDir: dirname(path),
    }));
  },
};

/**
 * The registry builds a tool when it is first asked for more than its name (tools/registry.ts);
 * in the bundle the tool's module runs only then, too. The registry's imports of the tool
 * modules become require() calls where each definition is taken, which esbuild bundles as
 * modules that run when first required, with everything they import. A routed request then
 * runs one tool's module (its zod schemas, its helpers) instead of sixteen. The code stays in
 * the same file: a chunk per tool would cost more to load than the tools cost to run.
 */
const lazyToolModules = {
  name: 'lazy-tool-modules',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]tools[\\/]registry\.ts$/ }, async ({ path }) => {
      let text = await readFile(path, 'utf8');
      const imports = [...text.matchAll(/^import \{ (\w+Tool) \} from '(\.\/[\w-]+)\.js';\n/gm)];
      if (!imports.length) throw new Error(`${path}: no tool imports found to defer`);
      for (const [line, name, file] of imports) {
        const use = `() => ${name},`;
        if (text.split(use).length !== 2) throw new Error(`${path}: expected one "${use}"`);
        text = text
          .replace(line, '')
          .replace(use, `() => require(${JSON.stringify(`${file}.ts`)}).${name},`);
      }
      const eager = text.match(/\(\) => \w+,/);
      if (eager)
        throw new Error(`${path}: "${eager[0]}" does not name a tool imported as the others are`);
      return { contents: text, loader: 'ts' };
    });
  },
};

/**
 * zod goes into files of its own (zod.js, zod-v4.js, ... one per specifier the bundle imports)
 * that every chunk imports. Modules that run on first use (above) are bundled as functions
 * that are compiled each time the process runs them, where a module's top level comes from
 * Node's compile cache; zod, imported by every tool, would otherwise become such a function.
 * One copy of zod serves our code and the MCP SDK alike.
 */
const zodSpecifiers = new Map();
const zodFileOf = (specifier) => `${specifier.replace(/\//g, '-')}.js`;
const zodExternal = {
  name: 'zod-external',
  setup(plugin) {
    plugin.onResolve({ filter: /^zod(\/[\w/-]+)?$/ }, ({ path, kind, importer }) => {
      if (kind !== 'import-statement' && kind !== 'dynamic-import')
        throw new Error(`${importer}: zod through ${kind} cannot be a separate ES module`);
      zodSpecifiers.set(zodFileOf(path).replace(/\.js$/, ''), path);
      return { path: `./${zodFileOf(path)}`, external: true };
    });
  },
};

/**
 * The router's grammar, compiled by the build, as text (offsets, then parts read on first use:
 * JSON.parse reads a node faster than V8 parses the same object as code, and nothing is parsed
 * at once) in a file of its own, read where src/agent/router.ts
 * declares it, at the top level of its module. In the code, V8 would scan its 300 kB inside
 * the function that reads it (V8 compiles a function when it first runs, while Node's compile
 * cache holds only the top level), or carry it in the compile cache as well as in the source.
 */
const routerGrammarFromFile = {
  name: 'router-grammar',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]src[\\/]agent[\\/]router\.ts$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      const declaration = /^declare const TODO_OPS_ROUTER_GRAMMAR: string \| undefined;$/m;
      if (!declaration.test(text))
        throw new Error(`${path}: no "declare const TODO_OPS_ROUTER_GRAMMAR: string | undefined;"`);
      return {
        contents: `import { readFileSync as readRouterGrammar } from 'node:fs';\n${text.replace(
          declaration,
          () =>
            `const TODO_OPS_ROUTER_GRAMMAR: string | undefined = readRouterGrammar(new URL('./${ROUTER_GRAMMAR_FILE}', import.meta.url), 'utf8');`,
        )}`,
        loader: 'ts',
      };
    });
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  // Whitespace and syntax only: names stay readable in a stack trace read without the maps.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
  plugins: [builtinsThroughRequire, zodEnglishOnly],
  define: {
    // React and friends pick their production builds.
    'process.env.NODE_ENV': '"production"',
  },
};

const started = performance.now();
await rm(outdir, { recursive: true, force: true });

// What the bundle answers without working it out at each start: the MCP server's initialize
// and tools/list answers, and the router's compiled grammar. A scratch bundle of the real
// code computes both. It sits in this checkout, so the server finds the package's own
// package.json (its name and version go into the initialize answer) wherever the bundle goes.
const scratch = join(root, 'node_modules/.cache/todo-ops', `build-cli-${process.pid}.mjs`);
await mkdir(dirname(scratch), { recursive: true });
const requireBanner = {
  js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);",
};
await build({
  ...common,
  metafile: false,
  stdin: {
    contents: `export { precomputeListing } from './src/mcp/precompute.ts';
export { allTools } from './tools/registry.ts';
export { routerGrammarData } from './src/agent/router.ts';
export { grammarDataToText } from './src/agent/grammar.ts';`,
    resolveDir: root,
    loader: 'ts',
  },
  outfile: scratch,
  format: 'esm',
  banner: requireBanner,
  external: ['react-devtools-core', 'bufferutil', 'utf-8-validate'],
});
let listing;
let routerGrammar;
try {
  const computed = await import(pathToFileURL(scratch).href);
  listing = await computed.precomputeListing(computed.allTools());
  routerGrammar = computed.grammarDataToText(computed.routerGrammarData());
} finally {
  await rm(scratch, { force: true });
}

const [main, kube] = await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir,
    format: 'esm',
    splitting: true,
    sourcemap: 'linked',
    sourcesContent: false,
    define: {
      ...common.define,
      TODO_OPS_KUBE_SDK: JSON.stringify(`./${KUBE_SDK_FILE}`),
    },
    // CommonJS dependencies inside an ES module bundle still call require() for Node's
    // built-ins, and so does the plugin above: give every output file a require of its own.
    banner: requireBanner,
    // Optional peers that are never installed: Ink's React devtools bridge (only with
    // DEV=true) and ws' native speed-ups.
    external: ['react-devtools-core', 'bufferutil', 'utf-8-validate'],
    plugins: [...common.plugins, lazyToolModules, zodExternal, routerGrammarFromFile],
  }),
  build({
    ...common,
    entryPoints: ['tools/platform/kube-sdk.ts'],
    outfile: join(outdir, KUBE_SDK_FILE),
    format: 'cjs',
    external: ['bufferutil', 'utf-8-validate'],
  }),
]);

// zod, for the specifiers the bundle imports (see zodExternal).
const zod = await build({
  ...common,
  entryPoints: Object.fromEntries(zodSpecifiers),
  outdir,
  format: 'esm',
  splitting: true,
  chunkNames: 'zod-[hash]',
  sourcemap: 'linked',
  sourcesContent: false,
});

await writeFile(join(outdir, 'mcp-listing.json'), JSON.stringify(listing));
await writeFile(join(outdir, ROUTER_GRAMMAR_FILE), routerGrammar);

const inputs = (result) =>
  Object.fromEntries(
    Object.entries(result.metafile.outputs).map(([file, output]) => [
      relative(outdir, resolve(root, file)),
      Object.keys(output.inputs),
    ]),
  );
await writeFile(
  join(outdir, 'meta.json'),
  `${JSON.stringify({ outputs: { ...inputs(main), ...inputs(zod), ...inputs(kube) } }, null, 1)}\n`,
);
process.stderr.write(
  `built ${relative(root, outdir)} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
