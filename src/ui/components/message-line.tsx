import React from 'react';
import { Text } from 'ink';
import { useTheme } from '../theme.js';

export interface Message {
  text: string;
  isError?: boolean;
}

/** A one-off message (export written, user not found); an error says so in words, not only in red. */
export function MessageLine({ message }: { message: Message }) {
  const theme = useTheme();
  return (
    <Text color={message.isError ? theme.error : theme.success} wrap="truncate-end">
      {message.isError ? 'Error: ' : ''}
      {message.text}
    </Text>
  );
}
