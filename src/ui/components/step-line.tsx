import { Box } from 'ink';
import { Spinner } from '@inkjs/ui';
import type { StepView } from '../hooks/use-pipeline.js';
import { useNow } from '../hooks/use-now.js';
import { formatDuration } from '../../format/values.js';
import { Line } from './line.js';
import { fit } from '../text-width.js';
import { useTheme, type Theme } from '../theme.js';

function statusColour(theme: Theme, status: StepView['status']) {
  return { pending: theme.muted, running: theme.accent, done: theme.success, failed: theme.error }[status];
}

/** One pipeline step: its status as a word, name, title, time and result; a spinner and a running clock while it runs. */
export function StepLine({ step, width }: { step: StepView; width: number }) {
  const theme = useTheme();
  const now = useNow(step.status === 'running');
  const elapsed = step.elapsedMs ?? (step.startedAt === undefined ? undefined : Math.max(0, now - step.startedAt));
  const time = elapsed === undefined ? '' : formatDuration(elapsed);
  return (
    <Box>
      <Box width={2}>{step.status === 'running' ? <Spinner type={theme.spinner} /> : null}</Box>
      <Line
        parts={[
          { text: fit(step.status, 9), color: statusColour(theme, step.status) },
          `${fit(step.step, 11)}${fit(step.title, 24)}${fit(time, 7, 'right')}`,
          ...(step.detail ? [{ text: `  ${step.detail}`, color: step.status === 'failed' ? theme.error : theme.muted }] : []),
        ]}
        width={width - 2}
      />
    </Box>
  );
}
