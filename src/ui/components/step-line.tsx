import React from 'react';
import { Box, Text } from 'ink';
import { Spinner } from '@inkjs/ui';
import type { StepView } from '../hooks/use-pipeline.js';
import { formatDuration } from '../format.js';
import { useTheme, type Theme } from '../theme.js';

function statusColour(theme: Theme, status: StepView['status']) {
  return { pending: theme.muted, running: theme.accent, done: theme.success, failed: theme.error }[status];
}

/** One pipeline step: its status as a word, name, title, time and result; a spinner while it runs. */
export function StepLine({ step }: { step: StepView }) {
  const theme = useTheme();
  const time = step.elapsedMs === undefined ? '' : formatDuration(step.elapsedMs);
  return (
    <Box>
      <Box width={2}>{step.status === 'running' ? <Spinner type={theme.spinner} /> : null}</Box>
      <Text wrap="truncate-end">
        <Text color={statusColour(theme, step.status)}>{step.status.padEnd(9)}</Text>
        {step.step.padEnd(11)}
        {step.title.padEnd(24)}
        {time.padStart(7)}
        {step.detail ? <Text color={step.status === 'failed' ? theme.error : theme.muted}>{`  ${step.detail}`}</Text> : null}
      </Text>
    </Box>
  );
}
