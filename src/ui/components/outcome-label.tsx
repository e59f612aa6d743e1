import { Text } from 'ink';
import { useTheme, type Outcome } from '../theme.js';

/** The outcome as a word in its colour, so it still reads without colour; `children` replaces the word (a count). */
export function OutcomeLabel({ outcome, width, children }: { outcome: Outcome; width?: number; children?: string }) {
  const theme = useTheme();
  return <Text color={theme.outcome[outcome]}>{children ?? (width ? outcome.padEnd(width) : outcome)}</Text>;
}
