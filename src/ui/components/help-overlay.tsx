import { useEffect, useState } from 'react';
import { Box, Text } from 'ink';
import wrapAnsi from 'wrap-ansi';
import { keyHelp, type Action } from '../hooks/keymap.js';
import { useKeys } from '../hooks/use-keys.js';
import type { Hint } from './footer.js';
import { widthOf } from '../text-width.js';
import { useTheme } from '../theme.js';

export interface HelpContent {
  title: string;
  actions: readonly Action[];
  /** What a key does on this screen when it differs from the general meaning, e.g. Enter: "open session". */
  overrides?: Partial<Record<Action, string>>;
  /** Keys of this screen outside the shared keymap (a text field's own keys), listed after the others. */
  extra?: readonly Hint[];
}

export interface HelpOverlayProps extends HelpContent {
  width: number;
  /** Lines the overlay may use, its border included. */
  height: number;
  isActive?: boolean;
  onClose(): void;
}

// the border and the padding on each side
const SIDES = 4;
// the border above and below, the title and the closing line
const CHROME = 4;

/** Every key of a help screen as [keys, what they do], the shared keymap's wording unless the screen overrides it. */
export function helpEntries({ actions, overrides = {}, extra = [] }: HelpContent): Hint[] {
  return [...actions.map((action): Hint => [keyHelp[action].keys, overrides[action] ?? keyHelp[action].does]), ...extra];
}

/**
 * The help's lines at `width` columns: the keys in a column, what they do wrapped beside them, so no line is
 * wider than the room and none is lost. Where the keys column would leave too little room, each entry's keys
 * take a line of their own and the words go under them.
 */
export function helpLines(entries: readonly Hint[], width: number): string[] {
  const room = Math.max(10, width - SIDES);
  const keysWidth = Math.max(...entries.map(([keys]) => widthOf(keys)));
  const besides = room - keysWidth - 2 >= 24;
  const lines: string[] = [];
  for (const [keys, does] of entries) {
    if (besides) {
      const wrapped = wrapAnsi(does, room - keysWidth - 2, { hard: true, trim: true }).split('\n');
      wrapped.forEach((text, i) => lines.push(`${i === 0 ? keys + ' '.repeat(keysWidth + 2 - widthOf(keys)) : ' '.repeat(keysWidth + 2)}${text}`));
    } else {
      lines.push(...wrapAnsi(keys, room, { hard: true, trim: true }).split('\n'));
      for (const text of wrapAnsi(does, room - 2, { hard: true, trim: true }).split('\n')) lines.push(`  ${text}`);
    }
  }
  return lines;
}

/**
 * The keys of one screen, listed from the same table the keymap uses, so help cannot drift from behaviour.
 * It fits the terminal it is drawn in: lines wrap to the width, and what does not fit the height scrolls
 * (up/down, PgUp/PgDn, g/G); any other key closes it.
 */
export function HelpOverlay({ title, width, height, isActive = true, onClose, ...content }: HelpOverlayProps) {
  const theme = useTheme();
  const lines = helpLines(helpEntries({ title, ...content }), width);
  const shown = Math.max(1, height - CHROME);
  const last = Math.max(0, lines.length - shown);
  const [top, setTop] = useState(0);
  useEffect(() => setTop((t) => Math.min(t, last)), [last]);
  const scrolls = last > 0;

  useKeys((key) => {
    const by: Record<string, number> = { up: -1, k: -1, down: 1, j: 1, pageup: -shown, pagedown: shown, home: -lines.length, end: lines.length };
    const step = by[key.name] ?? (key.text === 'g' ? -lines.length : key.text === 'G' ? lines.length : undefined);
    if (step === undefined || !scrolls) onClose();
    else setTop((t) => Math.max(0, Math.min(last, t + step)));
  }, isActive);

  const room = Math.max(10, width - SIDES);
  const closing = scrolls
    ? `${top + 1}-${Math.min(lines.length, top + shown)} of ${lines.length} lines; j/k, PgUp/PgDn scroll, other keys close`
    : 'Press any key to close.';
  return (
    <Box flexDirection="column" borderStyle={theme.border} paddingX={1} width={Math.min(width, room + SIDES)} flexShrink={0}>
      <Text bold color={theme.accent} wrap="truncate-end">
        Keys: {title}
      </Text>
      {lines.slice(top, top + shown).map((line, i) => (
        <Text key={top + i} wrap="truncate-end">
          {line === '' ? ' ' : line}
        </Text>
      ))}
      <Text color={theme.muted} wrap="truncate-end">
        {closing}
      </Text>
    </Box>
  );
}
