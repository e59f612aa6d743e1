import React from 'react';
import { Text, useInput } from 'ink';
import { useTheme } from '../theme.js';

/** A yes/no question: `y` (or Ctrl-C again) confirms, any other key (Esc, n, Enter) declines. */
export function Confirm({ question, onAnswer }: { question: string; onAnswer(yes: boolean): void }) {
  const theme = useTheme();
  useInput((input, key) => onAnswer(input === 'y' || input === 'Y' || (key.ctrl && input === 'c')));
  return (
    <Text color={theme.warning} bold>
      {question} (y/N)
    </Text>
  );
}
