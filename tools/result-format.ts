/**
 * Plain-text rendering of a tool result for people and models (the CLI, `run`, the text
 * content of MCP results, the tool messages the model reads): the summary, then the blocks
 * the tool's own `view` gives. Machines get the ToolResult itself (JSON, MCP
 * structuredContent).
 */
import type { DisplayBlock, Tool, ToolResult } from './contract.js';

/** Renders rows as an aligned table with a header (kubectl style). */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => String(c)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const indent = (text: string, by = '  '): string =>
  text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');

/** One display block as text. */
export function renderBlock(block: DisplayBlock): string {
  return block.kind === 'table' ? table(block.columns, block.rows) : block.text;
}

/**
 * The blocks a person sees for a result: the tool's view of its data; a tool without a
 * view shows its data as JSON rather than hide it.
 */
export function displayOf<Data>(
  tool: Pick<Tool<never, Data>, 'view'>,
  result: ToolResult<Data>,
): DisplayBlock[] {
  const data = result.data;
  if (data === undefined || data === null) return [];
  if (tool.view) return tool.view(data);
  const json = JSON.stringify(data, null, 2);
  return json === '{}' ? [] : [{ kind: 'text', text: json }];
}

/** Renders a result as text: `✓ name: summary` or `✗ name failed: message` + hint, then blocks. */
export function formatResult<Data>(
  tool: Pick<Tool<never, Data>, 'name' | 'view'>,
  result: ToolResult<Data>,
  blocks: DisplayBlock[] = displayOf(tool, result),
): string {
  const head = result.ok
    ? `✓ ${tool.name}: ${result.summary}`
    : `✗ ${tool.name} failed: ${result.error.message}\n  hint: ${result.error.hint}`;
  return [head, ...blocks.map((b) => indent(renderBlock(b)))].join('\n');
}
