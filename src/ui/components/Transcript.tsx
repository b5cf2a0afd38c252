import { Box, Text } from 'ink';
import { useTheme } from '../hooks/useTheme.js';
import type { Entry } from '../state.js';
import { ToolCallView } from './ToolCallView.js';

/** The conversation so far. */
export function Transcript({ entries }: { entries: Entry[] }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {entries.map((entry) => {
        switch (entry.kind) {
          case 'user':
            return (
              <Text key={entry.id} bold>
                {'> '}
                {entry.text}
              </Text>
            );
          case 'assistant':
            return (
              <Box key={entry.id} marginLeft={2}>
                <Text>{entry.text}</Text>
              </Box>
            );
          case 'tool':
            return (
              <Box key={entry.id} marginLeft={2}>
                <ToolCallView entry={entry} />
              </Box>
            );
          case 'notice':
            return (
              <Box key={entry.id} marginLeft={2}>
                <Text
                  color={entry.tone === 'error' ? theme.error : undefined}
                  dimColor={entry.tone === 'info' && theme.dim}
                >
                  {entry.text}
                </Text>
              </Box>
            );
          default:
            return null;
        }
      })}
    </Box>
  );
}
