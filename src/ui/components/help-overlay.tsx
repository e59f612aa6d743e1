import { Box, Text } from 'ink';
import { keyHelp, type Action } from '../hooks/keymap.js';
import { useTheme } from '../theme.js';

export interface HelpOverlayProps {
  title: string;
  actions: readonly Action[];
  /** What a key does on this screen when it differs from the general meaning, e.g. Enter: "open session". */
  overrides?: Partial<Record<Action, string>>;
}

/** The keys of one screen, listed from the same table the keymap uses, so help cannot drift from behaviour. */
export function HelpOverlay({ title, actions, overrides = {} }: HelpOverlayProps) {
  const theme = useTheme();
  const width = Math.max(...actions.map((a) => keyHelp[a].keys.length));
  return (
    <Box flexDirection="column" borderStyle={theme.border} paddingX={1} alignSelf="flex-start">
      <Text bold color={theme.accent}>
        Keys: {title}
      </Text>
      {actions.map((action) => (
        <Text key={action}>
          {keyHelp[action].keys.padEnd(width)}  {overrides[action] ?? keyHelp[action].does}
        </Text>
      ))}
      <Text color={theme.muted}>Press any key to close.</Text>
    </Box>
  );
}
