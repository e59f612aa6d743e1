import { useTheme } from '../theme.js';
import { Line } from './line.js';

export interface Message {
  text: string;
  isError?: boolean;
}

/** A message as words: an error says so, not only in red. */
export function messageText(message: Message): string {
  return `${message.isError ? 'Error: ' : ''}${message.text}`;
}

/** A one-off message (export written, user not found); an error says so in words, not only in red. */
export function MessageLine({ message, width }: { message: Message; width: number }) {
  const theme = useTheme();
  return <Line color={message.isError ? theme.error : theme.success} parts={[messageText(message)]} width={width} />;
}
