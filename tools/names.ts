/**
 * Tool names, in one place at the bottom of the dependency tree: the registry, the fast-path
 * router, the CLI, the MCP server and the prompts all refer to tools by these names.
 */
export const TOOL_NAMES = [
  'doctor',
  'setup_cluster',
  'build_images',
  'deploy',
  'status',
  'scale',
  'logs',
  'events',
  'diagnose',
  'restart',
  'rollback',
  'history',
  'teardown',
  'hosts_entry',
  'verify',
  'guide',
] as const;

/** A tool's stable name. */
export type ToolName = (typeof TOOL_NAMES)[number];

/** The app's components a tool can act on. */
export const COMPONENTS = ['backend', 'frontend'] as const;
/** A deployable component of the todo app. */
export type Component = (typeof COMPONENTS)[number];
