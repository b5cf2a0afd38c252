import { Box, Text } from 'ink';
import { useTheme } from '../hooks/useTheme.js';
import { Spinner } from './Spinner.js';

/** The input line, or a working indicator while a turn runs. */
export function PromptInput({ value, busy }: { value: string; busy: boolean }) {
  const theme = useTheme();
  if (busy) {
    return (
      <Box gap={1}>
        <Spinner />
        <Text dimColor={theme.dim}>working · Ctrl+C cancels</Text>
      </Box>
    );
  }
  return (
    <Text>
      <Text color={theme.accent}>{'> '}</Text>
      {value}
      <Text inverse> </Text>
    </Text>
  );
}
