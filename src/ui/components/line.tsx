import { Text } from 'ink';
import { headOfWidth, visible, widthOf } from '../text-width.js';
import { useTheme } from '../theme.js';

/** A piece of a line: plain text, or text with a style. */
export type Part = string | { text: string; bold?: boolean; color?: string };

export interface LineProps {
  parts: readonly Part[];
  width: number;
  color?: string;
}

/**
 * One line of text cut to `width` with the theme's ellipsis, whatever its parts: it never wraps, and on a
 * dumb terminal the cut is ASCII too (Ink's own truncation would add a Unicode ellipsis).
 */
export function Line({ parts, width, color }: LineProps) {
  const theme = useTheme();
  const pieces = parts.map((p) => (typeof p === 'string' ? { text: p } : p)).map((p) => ({ ...p, text: visible(p.text) }));
  const whole = pieces.reduce((sum, p) => sum + widthOf(p.text), 0);
  let room = whole <= width ? width : Math.max(0, width - widthOf(theme.ellipsis));
  const shown = pieces.map((p) => {
    const text = headOfWidth(p.text, room);
    room -= widthOf(text);
    return { ...p, text };
  });
  return (
    <Text color={color} wrap="truncate-end">
      {shown.map((p, i) => (
        <Text key={i} bold={p.bold} color={p.color}>
          {p.text}
        </Text>
      ))}
      {whole > width ? theme.ellipsis : ''}
    </Text>
  );
}
