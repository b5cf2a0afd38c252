/**
 * The tools package surface for the agent, the MCP server and the CLI: the registry, the
 * dependency wiring, the config and the text rendering of results.
 */
export { type ConfigOverrides, checkConfig, loadConfig, type OpsConfig } from './config.js';
export type {
  DisplayBlock,
  Tool,
  ToolContext,
  ToolEffect,
  ToolError,
  ToolErrorKind,
  ToolProgress,
  ToolResult,
} from './contract.js';
export { callEffect } from './contract.js';
export {
  createDeps,
  type DepsOptions,
  type OpsContext,
  type OpsTool,
  type ToolDeps,
} from './deps.js';
export type { Finding, Severity } from './diagnose/index.js';
export { COMPONENTS, type Component, TOOL_NAMES, type ToolName } from './names.js';
export { redact, redactText, stripTerminalControls } from './redact.js';
export { allTools, findTool } from './registry.js';
export { displayOf, formatResult, renderBlock, table } from './result-format.js';
export { isLocalContext, scopeRefusal } from './scope.js';
