import { Box, Text } from 'ink';
import { useTheme } from '../hooks/useTheme.js';
import type { Entry } from '../state.js';
import { ResultBlocks } from './ResultBlocks.js';
import { Spinner } from './Spinner.js';

type ToolEntry = Extract<Entry, { kind: 'tool' }>;

function argsText(args: Record<string, unknown>): string {
  return Object.entries(args)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
}

function seconds(entry: ToolEntry): string {
  return entry.endedAt === undefined
    ? ''
    : ` (${((entry.endedAt - entry.startedAt) / 1000).toFixed(1)} s)`;
}

/** A tool call: a spinner while it runs, then how it went and its result. */
export function ToolCallView({ entry }: { entry: ToolEntry }) {
  const theme = useTheme();
  const label = `${entry.tool}${Object.keys(entry.args).length ? ` ${argsText(entry.args)}` : ''}`;
  if (entry.status === 'running') {
    return (
      <Box gap={1}>
        <Spinner />
        <Text>{label}</Text>
        {entry.progress ? <Text dimColor={theme.dim}>{entry.progress}</Text> : null}
      </Box>
    );
  }
  if (entry.status === 'declined') {
    return (
      <Text color={theme.warn}>
        ✗ {label}: not applied{entry.change ? ` (${entry.change})` : ''}
        {entry.result && !entry.result.ok ? ` · ${entry.result.error.message}` : ''}
      </Text>
    );
  }
  const result = entry.result;
  const blocks = entry.display?.length ? (
    <Box marginLeft={2}>
      <ResultBlocks blocks={entry.display} />
    </Box>
  ) : null;
  if (result && !result.ok) {
    return (
      <Box flexDirection="column">
        <Text color={theme.error}>
          ✗ {label}
          {seconds(entry)}: {result.error.message}
        </Text>
        <Box marginLeft={2}>
          <Text dimColor={theme.dim}>hint: {result.error.hint}</Text>
        </Box>
        {blocks}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text>
        <Text color={theme.ok}>✓</Text> {label}
        {seconds(entry)}
        {result?.summary ? ` · ${result.summary}` : ''}
        {entry.unchanged ? ' · nothing to change: every object already matches, not applied' : ''}
      </Text>
      {blocks}
    </Box>
  );
}
