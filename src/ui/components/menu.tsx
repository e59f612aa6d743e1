import { useState } from 'react';
import { Box, Text } from 'ink';
import { useKeymap } from '../hooks/keymap.js';
import { useTheme } from '../theme.js';

export interface MenuOption<V extends string> {
  value: V;
  label: string;
  /** A second line of explanation, shown dimmed. */
  hint?: string;
}

export interface MenuProps<V extends string> {
  options: readonly MenuOption<V>[];
  /** The highlighted option to start with (Enter alone picks it). */
  initial?: V;
  onSelect(value: V): void;
  onBack?(): void;
  /** Q: leave the app from here. */
  onQuit?(): void;
  isActive?: boolean;
}

/** A vertical choice moved with the same keys as every list (arrows, j/k, g/G); Enter picks. */
export function Menu<V extends string>({ options, initial, onSelect, onBack, onQuit, isActive = true }: MenuProps<V>) {
  const theme = useTheme();
  const [index, setIndex] = useState(() => Math.max(0, options.findIndex((o) => o.value === initial)));
  useKeymap((action) => {
    const last = options.length - 1;
    if (action === 'up') setIndex((i) => Math.max(0, i - 1));
    else if (action === 'down') setIndex((i) => Math.min(last, i + 1));
    else if (action === 'top') setIndex(0);
    else if (action === 'bottom') setIndex(last);
    else if (action === 'enter') onSelect(options[index]!.value);
    else if (action === 'back') onBack?.();
    else if (action === 'quit') onQuit?.();
  }, isActive);
  return (
    <Box flexDirection="column">
      {options.map((option, i) => (
        <Box key={option.value} flexDirection="column">
          <Text color={i === index ? theme.accent : undefined} bold={i === index}>
            {i === index ? `${theme.pointer} ` : '  '}
            {option.label}
          </Text>
          {option.hint ? <Text color={theme.muted}>{`    ${option.hint}`}</Text> : null}
        </Box>
      ))}
    </Box>
  );
}
