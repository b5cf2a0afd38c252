import { Text, useAnimation } from 'ink';
import { useTheme } from '../hooks/useTheme.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A small busy indicator. */
export function Spinner() {
  const theme = useTheme();
  const { frame } = useAnimation({ interval: 80 });
  return <Text color={theme.accent}>{FRAMES[frame % FRAMES.length]}</Text>;
}
