import { Box, Text } from 'ink';
import type { PlannedCall } from '../../agent/calls.js';
import { confirmationText } from '../../agent/pipeline.js';
import { useTheme } from '../hooks/useTheme.js';

/** Shows exactly what a write or destructive call will change and asks y/N. */
export function ConfirmDialog({ call }: { call: PlannedCall }) {
  const theme = useTheme();
  const destructive = call.effect === 'destructive';
  // The same words every door shows: the tool's plan with the actual values.
  const { heading, plan, question } = confirmationText(call);
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={destructive ? theme.error : theme.warn}
      paddingX={1}
    >
      <Text bold color={destructive ? theme.error : theme.warn}>
        {heading}
      </Text>
      <Text dimColor={theme.dim}>
        tool {call.tool} {JSON.stringify(call.args)}
      </Text>
      {plan.length > 0 && <Text>{plan.join('\n')}</Text>}
      <Text>{question} [y/N]</Text>
    </Box>
  );
}
