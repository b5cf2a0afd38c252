/**
 * Every tool, in the order of TOOL_NAMES; the chat, the MCP server and the CLI all read this.
 *
 * A tool is built when it is first asked for anything but its name: its definition (and so
 * its zod schemas) is taken then, and in the CLI's bundle its module runs only then
 * (scripts/build-cli.mjs turns the imports below into modules that run on first use). A
 * routed request builds one tool; listing them (MCP tools/list, --help, the chat's tool list
 * for the model) builds them all. Each tool built is announced on the diagnostics channel
 * TOOL_BUILT_CHANNEL, so a test can see which tools a command built.
 */
import { channel } from 'node:diagnostics_channel';
import { buildImagesTool } from './build-images.js';
import { deployTool } from './deploy.js';
import type { OpsTool } from './deps.js';
import { diagnoseTool } from './diagnose.js';
import { doctorTool } from './doctor.js';
import { eventsTool } from './events.js';
import { guideTool } from './guide.js';
import { historyTool } from './history.js';
import { hostsEntryTool } from './hosts-entry.js';
import { logsTool } from './logs.js';
import { TOOL_NAMES, type ToolName } from './names.js';
import { restartTool } from './restart.js';
import { rollbackTool } from './rollback.js';
import { scaleTool } from './scale.js';
import { setupClusterTool } from './setup-cluster.js';
import { statusTool } from './status.js';
import { teardownTool } from './teardown.js';
import { verifyTool } from './verify.js';

/** Each tool's definition, taken when the tool is first built. */
const DEFINITIONS = {
  doctor: () => doctorTool,
  setup_cluster: () => setupClusterTool,
  build_images: () => buildImagesTool,
  deploy: () => deployTool,
  status: () => statusTool,
  scale: () => scaleTool,
  logs: () => logsTool,
  events: () => eventsTool,
  diagnose: () => diagnoseTool,
  restart: () => restartTool,
  rollback: () => rollbackTool,
  history: () => historyTool,
  teardown: () => teardownTool,
  hosts_entry: () => hostsEntryTool,
  verify: () => verifyTool,
  guide: () => guideTool,
} satisfies Record<ToolName, () => OpsTool>;

/** The diagnostics channel on which the registry publishes `{ name }` for each tool it builds. */
export const TOOL_BUILT_CHANNEL = 'todo-ops:tool-built';

const built = new Map<ToolName, OpsTool>();

function definition(name: ToolName): OpsTool {
  let tool = built.get(name);
  if (!tool) {
    tool = DEFINITIONS[name]();
    if (tool.name !== name) throw new Error(`registry: ${name} is defined as ${tool.name}`);
    built.set(name, tool);
    channel(TOOL_BUILT_CHANNEL).publish({ name });
  }
  return tool;
}

/**
 * The tool of that name as the registry hands it out: its name is known at once, anything
 * else builds it. Every operation goes to the definition, so it behaves as the definition
 * (spread, keys, spies and all).
 */
function lazyTool(name: ToolName): OpsTool {
  return new Proxy({} as OpsTool, {
    get: (_target, key) => (key === 'name' ? name : Reflect.get(definition(name), key)),
    set: (_target, key, value) => Reflect.set(definition(name), key, value),
    has: (_target, key) => Reflect.has(definition(name), key),
    ownKeys: () => Reflect.ownKeys(definition(name)),
    getOwnPropertyDescriptor: (_target, key) =>
      Reflect.getOwnPropertyDescriptor(definition(name), key),
    defineProperty: (_target, key, descriptor) =>
      Reflect.defineProperty(definition(name), key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(definition(name), key),
  });
}

const TOOLS = TOOL_NAMES.map(lazyTool);

/** Every tool. */
export function allTools(): OpsTool[] {
  return [...TOOLS];
}

/** The tool of that name, or undefined. */
export function findTool(name: string): OpsTool | undefined {
  const at = TOOL_NAMES.indexOf(name as ToolName);
  return at < 0 ? undefined : TOOLS[at];
}
