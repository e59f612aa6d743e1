import { Text } from 'ink';
import { useKeys } from '../hooks/use-keys.js';
import { useTheme } from '../theme.js';

/** A yes/no question: `y` (or Ctrl-C again) confirms, any other key (Esc, n, Enter) declines. */
export function Confirm({ question, onAnswer }: { question: string; onAnswer(yes: boolean): void }) {
  const theme = useTheme();
  useKeys((key) => onAnswer(key.text === 'y' || key.text === 'Y' || (key.ctrl && key.name === 'c')));
  return (
    <Text color={theme.warning} bold>
      {question} (y/N)
    </Text>
  );
}
