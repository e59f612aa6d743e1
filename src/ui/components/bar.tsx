import { Text } from 'ink';
import { useTheme } from '../theme.js';

/** A horizontal bar `width` cells wide, filled to `fraction` (0..1): progress, funnel stages. */
export function Bar({ fraction, width, color }: { fraction: number; width: number; color?: string }) {
  const theme = useTheme();
  const cells = Math.max(0, width);
  const full = Math.round(Math.min(1, Math.max(0, fraction)) * cells);
  return (
    <Text>
      <Text color={theme.colour ? (color ?? theme.accent) : undefined}>{theme.barFull.repeat(full)}</Text>
      <Text color={theme.muted}>{theme.barEmpty.repeat(cells - full)}</Text>
    </Text>
  );
}
