// Serves MCP over stdio from the build (npm run build): what an IDE spawns, without tsx.
// Uses the real registry when it was built, else no tools (then it measures start-up alone).
import { existsSync } from 'node:fs';

const dist = new URL('../../dist/', import.meta.url);
const { buildServer } = await import(new URL('src/mcp/server.js', dist).href);
const { serveStdio } = await import(new URL('src/mcp/stdio.js', dist).href);
const registry = new URL('tools/registry.js', dist);
const tools = existsSync(registry) ? (await import(registry.href)).allTools() : [];
await serveStdio(buildServer({ tools, deps: {}, allowDestructive: true }));
