/** Every tool, in the order of TOOL_NAMES; the chat, the MCP server and the CLI all read this. */
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
import type { ToolName } from './names.js';
import { restartTool } from './restart.js';
import { rollbackTool } from './rollback.js';
import { scaleTool } from './scale.js';
import { setupClusterTool } from './setup-cluster.js';
import { statusTool } from './status.js';
import { teardownTool } from './teardown.js';
import { verifyTool } from './verify.js';

const TOOLS = {
  doctor: doctorTool,
  setup_cluster: setupClusterTool,
  build_images: buildImagesTool,
  deploy: deployTool,
  status: statusTool,
  scale: scaleTool,
  logs: logsTool,
  events: eventsTool,
  diagnose: diagnoseTool,
  restart: restartTool,
  rollback: rollbackTool,
  history: historyTool,
  teardown: teardownTool,
  hosts_entry: hostsEntryTool,
  verify: verifyTool,
  guide: guideTool,
} satisfies Record<ToolName, OpsTool>;

/** Every tool by name, each with its own input and output types. */
export type Registry = typeof TOOLS;

/** Every tool. */
export function allTools(): OpsTool[] {
  return Object.values(TOOLS);
}

/** The tool of that name, or undefined. */
export function findTool(name: string): OpsTool | undefined {
  return Object.hasOwn(TOOLS, name) ? TOOLS[name as ToolName] : undefined;
}
