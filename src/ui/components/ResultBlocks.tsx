import { Box, Text } from 'ink';
import type { DisplayBlock } from '../../../tools/contract.js';
import { useTheme } from '../hooks/useTheme.js';

/** Rows or lines shown per block before the rest is summarised (the transcript stays short). */
const MAX_LINES = 20;

function more(hidden: number) {
  return hidden > 0 ? `… ${hidden} more` : undefined;
}

/** A table block, aligned like `kubectl get`. */
export function TableBlock({ block }: { block: Extract<DisplayBlock, { kind: 'table' }> }) {
  const theme = useTheme();
  const rows = block.rows.slice(0, MAX_LINES).map((row) => row.map((cell) => String(cell)));
  const widths = block.columns.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (values: string[]) =>
    values
      .map((value, i) => (i === values.length - 1 ? value : value.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rest = more(block.rows.length - rows.length);
  return (
    <Box flexDirection="column">
      <Text bold>{line(block.columns)}</Text>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a result's rows never reorder.
        <Text key={i}>{line(row)}</Text>
      ))}
      {rest ? <Text dimColor={theme.dim}>{rest}</Text> : null}
    </Box>
  );
}

/** A text block: log lines, findings, notes. */
export function TextBlock({ block }: { block: Extract<DisplayBlock, { kind: 'text' }> }) {
  const theme = useTheme();
  const lines = block.text.split('\n');
  const shown = lines.slice(0, MAX_LINES).join('\n');
  const rest = more(lines.length - MAX_LINES);
  return (
    <Box flexDirection="column">
      <Text
        color={block.tone === 'problem' ? theme.error : undefined}
        dimColor={block.tone === 'muted' && theme.dim}
      >
        {shown}
      </Text>
      {rest ? <Text dimColor={theme.dim}>{rest}</Text> : null}
    </Box>
  );
}

/** What a tool's view gives, each block drawn by its kind. */
export function ResultBlocks({ blocks }: { blocks: DisplayBlock[] }) {
  return (
    <Box flexDirection="column">
      {blocks.map((block, i) =>
        block.kind === 'table' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: a result's blocks never reorder.
          <TableBlock key={i} block={block} />
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: a result's blocks never reorder.
          <TextBlock key={i} block={block} />
        ),
      )}
    </Box>
  );
}
