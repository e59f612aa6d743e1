import { Box, Text } from 'ink';
import type { StepProgress } from '../../etl/events.js';
import { formatCount, formatPercent } from '../../format/values.js';
import { Bar } from './bar.js';
import { Line } from './line.js';

/** What a running step other than the load is doing, with a bar once it knows how far it is. */
export function StepProgressView({ progress, width }: { progress: StepProgress; width: number }) {
  const { activity, done, total, unit } = progress;
  const known = done !== undefined && total !== undefined && total > 0;
  const fraction = known ? Math.min(1, done / total) : 0;
  return (
    <Box flexDirection="column" paddingLeft={2}>
      {known ? (
        <Text>
          <Bar fraction={fraction} width={Math.max(10, width - 10)} /> {formatPercent(fraction).padStart(4)}
        </Text>
      ) : null}
      <Line parts={[`${activity}${known ? `: ${formatCount(done)} of ${formatCount(total)}${unit ? ` ${unit}` : ''}` : '...'}`]} width={width} />
    </Box>
  );
}
