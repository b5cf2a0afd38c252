import { Text } from 'ink';
import { useTheme } from '../hooks/useTheme.js';

/** One line saying what todo-ops is talking to. */
export function Header({
  version,
  model,
  readOnly,
  info,
}: {
  version: string;
  model: string;
  readOnly: boolean;
  info?: string;
}) {
  const theme = useTheme();
  const parts = [
    `todo-ops ${version}`,
    ...(info ? [info] : []),
    `model ${model}`,
    ...(readOnly ? ['read-only'] : []),
  ];
  return <Text dimColor={theme.dim}>{parts.join(' · ')} · /help</Text>;
}
