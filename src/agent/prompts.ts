/**
 * The prompt files shipped in `prompts/`: the system prompt, scripted request files for
 * `run -f`, and MCP prompt templates.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageInfo } from '../cli/package-info.js';

/** Directory of the shipped prompt files. */
export function promptsDir(root: string = packageInfo().root): string {
  return join(root, 'prompts');
}

/** The system prompt of the model loop. */
export function loadSystemPrompt(root?: string): string {
  const file = join(promptsDir(root), 'system.md');
  return existsSync(file)
    ? readFileSync(file, 'utf8').trim()
    : 'You are todo-ops, an ops agent for the todo app.';
}

/** Requests of a scripted prompt file: one per line; blank lines and `#` comments skipped. */
export function parsePromptFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Fills `{{name}}` placeholders; unknown ones become empty. */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => values[name] ?? '');
}

/** An MCP prompt template from `prompts/mcp/<name>.md`. */
export function loadMcpTemplate(name: string, root?: string): string {
  return readFileSync(join(promptsDir(root), 'mcp', `${name}.md`), 'utf8').trim();
}
