import { Box, Text } from 'ink';
import { widthOf } from '../text-width.js';
import { useTheme } from '../theme.js';
import { Line } from './line.js';

/** A key and what it does here, as the footer shows it: "Enter sessions". */
export type Hint = readonly [keys: string, does: string];

export interface FooterProps {
  /** Where the list is and how it is ordered, e.g. "rows 41-80 of 12,345  sort: sessions". */
  status?: string;
  /** The screen's keys, most useful first; as many as fit are shown, then "? help". */
  hints: readonly Hint[];
  /** How to reach the help, always shown last. */
  help?: Hint;
  width: number;
}

const HELP: Hint = ['?', 'help'];
const SEPARATOR = '  ';

/** The hints that fit in `width`, in their order, and "? help" always last. */
export function footerHints(hints: readonly Hint[], width: number, help: Hint = HELP): string {
  const text = (hint: Hint) => `${hint[0]} ${hint[1]}`;
  let room = width - widthOf(text(help));
  const shown: string[] = [];
  for (const hint of hints) {
    const needed = widthOf(text(hint)) + widthOf(SEPARATOR);
    if (needed > room) continue;
    shown.push(text(hint));
    room -= needed;
  }
  return [...shown, text(help)].join(SEPARATOR);
}

/** The bottom of a screen: its status line, then its key hints; each one line, whatever the width. */
export function Footer({ status, hints, help, width }: FooterProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {status ? <Line parts={[status]} width={width} /> : null}
      <Text color={theme.muted} wrap="truncate-end">
        {footerHints(hints, width, help)}
      </Text>
    </Box>
  );
}
