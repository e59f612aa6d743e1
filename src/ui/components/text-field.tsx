import { Text } from 'ink';
import { fieldWindow } from '../field-window.js';
import { useTextField, type TextFieldOptions } from '../hooks/use-text-field.js';
import { graphemes, headOfWidth, widthOf } from '../text-width.js';
import { useTheme } from '../theme.js';

export interface TextFieldProps extends TextFieldOptions {
  /** Columns the field may take; a longer text scrolls sideways. */
  width: number;
  placeholder?: string;
  /** Shows an asterisk per character instead of what is typed (passwords). */
  masked?: boolean;
}

/** A one-line text field: the cursor in inverse video, the completion on offer dimmed after it. */
export function TextField({ width, placeholder = '', masked = false, ...options }: TextFieldProps) {
  const theme = useTheme();
  const { line, completion } = useTextField(options);
  const room = Math.max(1, width);
  if (line.text === '') {
    const [first = ' ', ...rest] = graphemes(headOfWidth(placeholder, room));
    return (
      <Text wrap="truncate-end">
        <Text inverse>{first}</Text>
        <Text dimColor>{rest.join('')}</Text>
      </Text>
    );
  }
  const text = masked ? '*'.repeat(graphemes(line.text).length) : line.text;
  const cursor = masked ? graphemes(line.text.slice(0, line.cursor)).length : line.cursor;
  const shown = fieldWindow(text, cursor, room, theme.ellipsis);
  // At the end of the text, the completion on offer starts under the cursor, as in a shell.
  const offered = completion && !masked ? graphemes(headOfWidth(completion, room - widthOf(shown.before))) : [];
  const [under = shown.under, ...rest] = offered;
  return (
    <Text wrap="truncate-end">
      {shown.before}
      <Text inverse>{under}</Text>
      {shown.after}
      <Text dimColor>{rest.join('')}</Text>
    </Text>
  );
}
