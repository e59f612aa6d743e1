import { Box, Text } from 'ink';
import type { FunnelStep } from '../../sessions/queries.js';
import { formatCount, formatPercent, formatPoints } from '../../format/values.js';
import { useTheme } from '../theme.js';
import { Bar } from './bar.js';
import { fit, widthOf } from '../text-width.js';

const share = (value: number | null) => (value === null ? '-' : formatPercent(value));

/**
 * The funnel as horizontal bars, each stage with its sessions, its step conversion and its overall one, and with
 * `change` (points of overall conversion against the period before, by stage) a column for that.
 */
export function FunnelChart({ steps, width, change }: { steps: readonly FunnelStep[]; width: number; change?: readonly (number | null)[] }) {
  const theme = useTheme();
  const nameWidth = Math.max(5, ...steps.map((s) => widthOf(s.stage)));
  const changeWidth = change ? 12 : 0;
  const barWidth = Math.max(10, width - nameWidth - 36 - changeWidth);
  const points = (i: number) => formatPoints(change?.[i] ?? null).replace(' points', '');
  const widest = Math.max(1, ...steps.map((s) => s.sessions));
  return (
    <Box flexDirection="column">
      <Text bold>
        {'Funnel'.padEnd(nameWidth + 4)}
        {' '.repeat(barWidth)}
        {'sessions'.padStart(10)}
        {'step'.padStart(7)}
        {'overall'.padStart(9)}
        {change ? 'vs before'.padStart(changeWidth) : ''}
      </Text>
      {steps.map((s, i) => (
        <Text key={s.rank}>
          {`${s.rank}. ${fit(s.stage, nameWidth)} `}
          <Bar fraction={s.sessions / widest} width={barWidth} color={theme.outcome[s.outcome]} />
          {formatCount(s.sessions).padStart(10)}
          {share(s.stepConversion).padStart(7)}
          {share(s.overallConversion).padStart(9)}
          {change ? points(i).padStart(changeWidth) : ''}
        </Text>
      ))}
    </Box>
  );
}
