import React from 'react';
import { Box, Text } from 'ink';
import type { FunnelStep } from '../../sessions/queries.js';
import { formatCount, formatPercent } from '../../format/values.js';
import { useTheme } from '../theme.js';
import { Bar } from './bar.js';
import { fit, widthOf } from '../text-width.js';

const share = (value: number | null) => (value === null ? '-' : formatPercent(value));

/** The funnel as horizontal bars, each stage with its sessions, its step conversion and its overall one. */
export function FunnelChart({ steps, width }: { steps: readonly FunnelStep[]; width: number }) {
  const theme = useTheme();
  const nameWidth = Math.max(5, ...steps.map((s) => widthOf(s.stage)));
  const barWidth = Math.max(10, width - nameWidth - 36);
  const widest = Math.max(1, ...steps.map((s) => s.sessions));
  return (
    <Box flexDirection="column">
      <Text bold>
        {'Funnel'.padEnd(nameWidth + 4)}
        {' '.repeat(barWidth)}
        {'sessions'.padStart(10)}
        {'step'.padStart(7)}
        {'overall'.padStart(9)}
      </Text>
      {steps.map((s) => (
        <Text key={s.rank}>
          {`${s.rank}. ${fit(s.stage, nameWidth)} `}
          <Bar fraction={s.sessions / widest} width={barWidth} color={theme.outcome[s.outcome]} />
          {formatCount(s.sessions).padStart(10)}
          {share(s.stepConversion).padStart(7)}
          {share(s.overallConversion).padStart(9)}
        </Text>
      ))}
    </Box>
  );
}
