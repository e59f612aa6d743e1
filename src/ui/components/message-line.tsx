import { useTheme } from '../theme.js';
import { Line } from './line.js';

export interface Message {
  text: string;
  isError?: boolean;
}

/** A one-off message (export written, user not found); an error says so in words, not only in red. */
export function MessageLine({ message, width }: { message: Message; width: number }) {
  const theme = useTheme();
  return <Line color={message.isError ? theme.error : theme.success} parts={[`${message.isError ? 'Error: ' : ''}${message.text}`]} width={width} />;
}
