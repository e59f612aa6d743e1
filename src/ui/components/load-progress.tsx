import { Box, Text } from 'ink';
import type { LoadProgress } from '../../etl/events.js';
import { countsLine, formatPercent, loadFraction, progressLine } from '../../format/values.js';
import { Bar } from './bar.js';
import { Line } from './line.js';

/** The live load: a bar by bytes read, then rows, bytes, rows/s, elapsed and ETA, then the running counts. */
export function LoadProgressView({ progress, width }: { progress: LoadProgress; width: number }) {
  const fraction = loadFraction(progress);
  return (
    <Box flexDirection="column" paddingLeft={2}>
      <Text>
        <Bar fraction={fraction} width={Math.max(10, width - 10)} /> {formatPercent(fraction).padStart(4)}
      </Text>
      <Line parts={[progressLine(progress)]} width={width} />
      <Line parts={[countsLine(progress)]} width={width} />
    </Box>
  );
}
