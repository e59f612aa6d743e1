import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { Spinner } from '@inkjs/ui';
import type { Database } from '../../db/database.js';
import { gapCurve, MAX_CURVE_GAP, type GapCurve } from '../../sessions/queries.js';
import { ClippedPage } from '../components/clipped-page.js';
import type { Hint } from '../components/footer.js';
import { formatCount, formatDuration, formatPercent } from '../../format/values.js';
import { gapChartLines, gapLegend } from '../../format/gap-chart.js';
import { useKeymap } from '../hooks/keymap.js';
import { useNow } from '../hooks/use-now.js';
import { useTheme } from '../theme.js';

const footer: readonly Hint[] = [
  ['Esc', 'stats'],
  ['Q', 'quit'],
  ['Tab', 'query'],
];
const runningFooter: readonly Hint[] = [['Esc', 'cancel']];
const cancelledFooter: readonly Hint[] = [
  ['Enter', 'count again'],
  ['Esc', 'stats'],
];

/** The gaps whose shares are spelled out under the chart. */
const SHARE_GAPS: readonly number[] = [5, 10, 15, 30, 60];
/** Lines under the chart: the legend, a blank, the share heading and two lines of shares. */
const BELOW_CHART = 6;

type CurveState =
  | { kind: 'running'; startedAt: number }
  | { kind: 'cancelled'; elapsedMs: number }
  | { kind: 'failed'; message: string }
  | { kind: 'done'; curve: GapCurve; elapsedMs: number };

export interface GapCurvePageProps {
  db: Database;
  isActive: boolean;
  width: number;
  height: number;
  onBack(): void;
}

/**
 * Sessions against the session gap, 1 to 120 minutes, with the stored setting and the knee marked; below it the
 * seed's flag and the booked share at a few gaps. One statement counts it all; a clock runs meanwhile, and Esc
 * cancels the statement on the server.
 */
export function GapCurvePage({ db, isActive, width, height, onBack }: GapCurvePageProps) {
  const theme = useTheme();
  const [run, setRun] = useState(0);
  const [state, setState] = useState<CurveState>({ kind: 'running', startedAt: Date.now() });
  const controller = useRef<AbortController | undefined>(undefined);
  useEffect(() => {
    const abort = new AbortController();
    controller.current = abort;
    const startedAt = Date.now();
    setState({ kind: 'running', startedAt });
    gapCurve(db, abort.signal).then(
      (curve) => {
        if (!abort.signal.aborted) setState({ kind: 'done', curve, elapsedMs: Date.now() - startedAt });
      },
      (error: Error) => {
        if (!abort.signal.aborted) setState({ kind: 'failed', message: error.message });
      },
    );
    return () => abort.abort();
  }, [db, run]);
  const now = useNow(state.kind === 'running');
  useKeymap((action) => {
    if (action === 'back' && state.kind === 'running') {
      controller.current?.abort();
      setState({ kind: 'cancelled', elapsedMs: Date.now() - state.startedAt });
    } else if (action === 'back') onBack();
    else if (action === 'enter' && state.kind === 'cancelled') setRun((r) => r + 1);
  }, isActive);

  const view = Math.max(1, height - 2);
  let body: ReactNode;
  if (state.kind === 'failed') body = <Text color={theme.error}>Error: {state.message}</Text>;
  else if (state.kind === 'running') {
    body = (
      <Box>
        <Spinner type={theme.spinner} />
        <Text wrap="truncate-end">
          {' '}
          Counting sessions, seed flags and bookings at every gap from 1 to {MAX_CURVE_GAP} minutes, in one pass over the events{' '}
          <Text color={theme.accent}>{formatDuration(Math.max(0, now - state.startedAt))}</Text>
        </Text>
      </Box>
    );
  } else if (state.kind === 'cancelled') {
    body = <Text color={theme.muted}>Cancelled after {formatDuration(state.elapsedMs)}; the server stopped counting.</Text>;
  } else {
    const c = state.curve;
    const chart = gapChartLines(c, width, Math.max(5, view - 1 - BELOW_CHART), theme.barFull);
    const at = (gap: number) => c.points.find((p) => p.gap === gap);
    const shares = (part: (p: GapCurve['points'][number]) => number) =>
      SHARE_GAPS.map((gap) => {
        const p = at(gap);
        return `${gap} min: ${p && p.sessions > 0 ? formatPercent(part(p) / p.sessions) : '-'}`;
      }).join('   ');
    body = (
      <Box flexDirection="column">
        <Text bold wrap="truncate-end">
          Sessions against the session gap{' '}
          <Text color={theme.muted}>
            ({formatCount(c.keys)} keys; all time; counted in {formatDuration(state.elapsedMs)})
          </Text>
        </Text>
        {chart.map((line, i) => (
          <Text key={i} color={i < chart.length - 3 ? theme.accent : undefined} wrap="truncate-end">
            {line}
          </Text>
        ))}
        <Text wrap="truncate-end">{gapLegend(c)}</Text>
        <Text> </Text>
        <Text bold wrap="truncate-end">
          Shares by gap <Text color={theme.muted}>(exact; stored sessions untouched)</Text>
        </Text>
        <Text wrap="truncate-end">booked     {shares((p) => p.bookedSessions)}</Text>
        <Text wrap="truncate-end">seed flag  {shares((p) => p.seedFlagSessions)}</Text>
      </Box>
    );
  }
  const hints = state.kind === 'running' ? runningFooter : state.kind === 'cancelled' ? cancelledFooter : footer;
  return (
    <ClippedPage height={height} view={view} width={width} hints={hints}>
      {body}
    </ClippedPage>
  );
}
