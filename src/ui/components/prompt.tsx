import { Box, Text } from 'ink';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { widthOf } from '../text-width.js';
import { useTheme } from '../theme.js';
import { TextField } from './text-field.js';

export interface PromptProps {
  label: string;
  defaultValue?: string;
  placeholder?: string;
  /** Completions of what is typed; Tab takes the one on offer. */
  suggestions?: readonly string[];
  /** Shows asterisks instead of what is typed (passwords). */
  masked?: boolean;
  /** Columns for the whole line, label included; the terminal's width by default. */
  width?: number;
  isActive?: boolean;
  onChange?(value: string): void;
  onSubmit(value: string): void;
  /** Esc: leave the prompt without a value. */
  onCancel(): void;
}

/** A one-line text field after a label; Enter submits, Esc cancels. */
export function Prompt({ label, width, ...field }: PromptProps) {
  const theme = useTheme();
  const { columns } = useTerminalSize();
  const room = (width ?? columns) - widthOf(label) - 1;
  return (
    <Box>
      <Text color={theme.accent}>{label} </Text>
      <TextField width={room} {...field} />
    </Box>
  );
}
