import { Box, Text } from 'ink';
import type { LoadSummary } from '../../etl/events.js';
import { formatCount, formatDuration } from '../../format/values.js';
import { useTheme } from '../theme.js';
import { Line } from './line.js';

function rejectsLine(summary: LoadSummary): string {
  if (summary.warning !== undefined) return summary.warning;
  return summary.rejectsFile ? `Rejected rows (line, reason, text): ${summary.rejectsFile}` : 'No rejected rows.';
}

/** The load's conservation (read = new + duplicates + rejected) and where the rejected rows went. */
export function LoadSummaryView({ summary, width }: { summary: LoadSummary; width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text>
        Read {formatCount(summary.read)} rows = <Text color={theme.success}>{formatCount(summary.inserted)} new</Text> +{' '}
        {formatCount(summary.duplicates)} duplicates +{' '}
        <Text color={summary.rejected > 0 ? theme.warning : undefined}>{formatCount(summary.rejected)} rejected</Text> in{' '}
        {formatDuration(summary.elapsedMs)}
      </Text>
      {summary.resumedRunId !== null ? <Text>Picked up the interrupted run {summary.resumedRunId}.</Text> : null}
      <Line parts={[rejectsLine(summary)]} width={width} />
    </Box>
  );
}
