import { useEffect, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { Database } from '../../db/database.js';
import { bookedShareAt, gapCurve, SHARE_GAPS } from '../../sessions/queries.js';
import { ClippedPage } from '../components/clipped-page.js';
import type { Hint } from '../components/footer.js';
import { formatCount, formatPercent } from '../../format/values.js';
import { gapChartLines, gapLegend } from '../../format/gap-chart.js';
import { useKeymap } from '../hooks/keymap.js';
import { useAsync } from '../hooks/use-async.js';
import { useTheme } from '../theme.js';

const footer: readonly Hint[] = [
  ['Esc', 'stats'],
  ['Q', 'quit'],
  ['Tab', 'query'],
];

/** Lines under the chart: the legend, a blank, the share heading and one line of shares. */
const BELOW_CHART = 5;

export interface GapCurvePageProps {
  db: Database;
  isActive: boolean;
  width: number;
  height: number;
  onBack(): void;
}

/**
 * Sessions against the session gap, 1 to 120 minutes, with the stored setting and the knee marked; below it the
 * booked share at a few gaps, each from a scratch rebuild that runs after the curve is drawn (one at a time: each
 * costs a build).
 */
export function GapCurvePage({ db, isActive, width, height, onBack }: GapCurvePageProps) {
  const theme = useTheme();
  const curve = useAsync(() => gapCurve(db), [db]);
  const [shares, setShares] = useState<Map<number, number | null>>(new Map());
  const [shareError, setShareError] = useState<string>();
  useEffect(() => {
    if (!curve.value) return;
    const abort = new AbortController();
    (async () => {
      for (const gap of SHARE_GAPS) {
        const share = await bookedShareAt(db, gap, abort.signal);
        if (abort.signal.aborted) return;
        setShares((previous) => new Map(previous).set(gap, share));
      }
    })().catch((error: Error) => {
      if (!abort.signal.aborted) setShareError(error.message);
    });
    return () => abort.abort();
  }, [curve.value, db]);
  useKeymap((action) => {
    if (action === 'back') onBack();
  }, isActive);

  const view = Math.max(1, height - 2);
  let body: ReactNode;
  if (curve.error) body = <Text color={theme.error}>Error: {curve.error.message}</Text>;
  else if (!curve.value) body = <Text>Reading every gap between consecutive events...</Text>;
  else {
    const c = curve.value;
    const chart = gapChartLines(c, width, Math.max(5, view - 1 - BELOW_CHART), theme.barFull);
    const pending = SHARE_GAPS.find((gap) => !shares.has(gap));
    const shareLine = SHARE_GAPS.filter((gap) => shares.has(gap))
      .map((gap) => {
        const share = shares.get(gap);
        return `${gap} min: ${share === null || share === undefined ? '-' : formatPercent(share)}`;
      })
      .join('   ');
    body = (
      <Box flexDirection="column">
        <Text bold wrap="truncate-end">
          Sessions against the session gap <Text color={theme.muted}>({formatCount(c.keys)} keys; all time)</Text>
        </Text>
        {chart.map((line, i) => (
          <Text key={i} color={i < chart.length - 3 ? theme.accent : undefined} wrap="truncate-end">
            {line}
          </Text>
        ))}
        <Text wrap="truncate-end">{gapLegend(c)}</Text>
        <Text> </Text>
        <Text bold wrap="truncate-end">
          Booked share by gap{' '}
          <Text color={theme.muted}>
            {shareError ? '' : pending !== undefined ? `(rebuilding at ${pending} min in a scratch table...)` : '(scratch rebuilds; stored sessions untouched)'}
          </Text>
        </Text>
        {shareError ? <Text color={theme.error}>Error: {shareError}</Text> : <Text wrap="truncate-end">{shareLine || ' '}</Text>}
      </Box>
    );
  }
  return (
    <ClippedPage height={height} view={view} width={width} hints={footer}>
      {body}
    </ClippedPage>
  );
}
