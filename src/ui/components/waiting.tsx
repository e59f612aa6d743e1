import { Box, Text } from 'ink';
import { Spinner } from '@inkjs/ui';
import { formatDuration } from '../../format/values.js';
import { useNow } from '../hooks/use-now.js';
import { useTheme } from '../theme.js';

// Shorter waits show nothing but the spinner: a clock that flashes 0.1s reads as noise.
const CLOCK_AFTER_MS = 500;

export interface WaitingProps {
  /** What is being done, as a person would say it: "Building the sessions". */
  what: string;
  /** When it started (ms since the epoch). */
  startedAt: number;
  /** How to stop it, when it can be stopped: "Esc cancels it.", on a line of its own. */
  cancel?: string;
}

/** A wait the person can see moving: a spinner, what is being done, and after half a second its clock. */
export function Waiting({ what, startedAt, cancel }: WaitingProps) {
  const theme = useTheme();
  const now = useNow(true);
  const elapsed = Math.max(0, now - startedAt);
  const clock = elapsed >= CLOCK_AFTER_MS ? ` ${formatDuration(elapsed)}` : '';
  return (
    <Box flexDirection="column">
      <Box>
        <Spinner type={theme.spinner} />
        <Text wrap="wrap">{` ${what}...${clock}`}</Text>
      </Box>
      {cancel ? <Text color={theme.muted}>{cancel}</Text> : null}
    </Box>
  );
}
