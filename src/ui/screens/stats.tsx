import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Box, Text, measureElement, type DOMElement } from 'ink';
import type { Database } from '../../db/database.js';
import { ALL_TIME, describePeriod, sessionStats, type Period, type SessionStats } from '../../sessions/queries.js';
import { titles } from '../../format/column-titles.js';
import { BreakdownTable } from '../components/breakdown-table.js';
import { ClippedPage } from '../components/clipped-page.js';
import type { Hint } from '../components/footer.js';
import { FunnelChart } from '../components/funnel-chart.js';
import { OutcomeShares } from '../components/outcome-shares.js';
import { Sparkline } from '../components/sparkline.js';
import { formatCount, formatPercent, formatPoints, formatSeconds } from '../../format/values.js';
import { useKeymap } from '../hooks/keymap.js';
import { useAsync } from '../hooks/use-async.js';
import type { ScreenHelp, ScreenProps } from '../hooks/use-browser.js';
import { useTheme } from '../theme.js';
import { GapCurvePage } from './gaps.js';

const footer: readonly Hint[] = [
  ['j/k', 'scroll'],
  ['Esc', 'users'],
  ['p', 'period'],
  ['c', 'gap curve'],
  ['Q', 'quit'],
  ['Tab', 'query'],
  [':', 'jump'],
];

export const statsHelp: ScreenHelp = {
  title: 'Stats',
  actions: ['up', 'down', 'pageUp', 'pageDown', 'top', 'bottom', 'period', 'gaps', 'nextTab', 'previousTab', 'jump', 'back', 'help', 'quit'],
  overrides: { up: 'scroll up', down: 'scroll down', back: 'back to the users (from the gap curve: cancel its count, then to the stats)' },
  footer,
};


function Summary({ stats }: { stats: SessionStats }) {
  const theme = useTheme();
  const aware = stats.rideAware;
  return (
    <Box flexDirection="column">
      <Text bold>
        {describePeriod(stats.period)}
        <Text color={theme.muted}>{'  p: another period, c: the gap curve'}</Text>
      </Text>
      <Text>
        {formatCount(stats.users)} users, {formatCount(stats.devices)} devices, {formatCount(stats.events)} events,{' '}
        {formatCount(stats.sessions)} sessions (a gap of {stats.gapMinutes ?? '?'} minutes starts a new one)
      </Text>
      <OutcomeShares outcomes={stats.outcomes} />
      <Comparison stats={stats} />
      <Text>
        Seed flag: set on {formatCount(stats.seedFlagSessions)} sessions, {formatCount(stats.bookedWithoutRide)} of them without a ride
        started (only a failed start)
      </Text>
      <Text>
        Median time to book {formatSeconds(stats.medianSecondsToBook)}, median ride {formatSeconds(stats.medianRideSeconds)}
        <Text color={theme.muted}>
          {`   ride-aware: ${formatCount(aware.sessions)} sessions (${formatCount(aware.fewerSessions)} fewer),`}
          {` median ride ${formatSeconds(aware.medianRideSeconds)}`}
        </Text>
      </Text>
      {stats.timestamps ? (
        <Text>
          Timestamps: {formatCount(stats.timestamps.receivedBeforeCreated)} events received before created,{' '}
          {formatCount(stats.timestamps.receivedLate)} received over {stats.timestamps.lateMinutes} minutes late
        </Text>
      ) : (
        <Text color={theme.muted}>Timestamp quality: over all time only</Text>
      )}
      <Text color={theme.muted}>Tables on: {stats.layout}</Text>
    </Box>
  );
}

/** This period against the one just before it: sessions and booked share. */
function Comparison({ stats }: { stats: SessionStats }) {
  const theme = useTheme();
  const previous = stats.previous;
  if (!previous) return null;
  const { change } = previous;
  const sessions =
    change.sessionsRatio === null
      ? `${formatCount(stats.sessions)} sessions (none before)`
      : `${change.sessions >= 0 ? '+' : '-'}${formatPercent(Math.abs(change.sessionsRatio - 1))} sessions (${formatCount(previous.sessions)} before)`;
  return (
    <Text>
      vs {describePeriod(previous.period)}: {sessions}, booked share {formatPoints(change.bookedSharePoints)}
      <Text color={theme.muted}>{previous.bookedShare === null ? '' : ` (${formatPercent(previous.bookedShare)} before)`}</Text>
    </Text>
  );
}

function SessionsPerDay({ stats, width }: { stats: SessionStats; width: number }) {
  const theme = useTheme();
  const days = stats.sessionsPerDay;
  if (days.length === 0) return null;
  const max = Math.max(...days.map((d) => d.sessions));
  return (
    <Box flexDirection="column">
      <Text bold>
        Sessions per day
        <Text color={theme.muted}>{`  ${days[0]!.day} to ${days.at(-1)!.day}, ${days.length} days, busiest ${formatCount(max)}`}</Text>
      </Text>
      <Sparkline values={days.map((d) => d.sessions)} width={width} />
    </Box>
  );
}

export interface StatsProps extends ScreenProps {
  db: Database;
  /** Sessions starting in it are counted (the period picker, p); all time by default. */
  period?: Period;
}

/**
 * Totals, outcome shares, the funnel, sessions per day and breakdowns of a period, compared with the period before;
 * scrolls when taller than the terminal. `c` turns to the gap curve, Esc comes back.
 */
export function Stats({ db, period = ALL_TIME, isActive, width, height, onBack }: StatsProps) {
  const [curve, setCurve] = useState(false);
  const [curveSeen, setCurveSeen] = useState(false);
  const openCurve = () => {
    setCurve(true);
    setCurveSeen(true);
  };
  // Both stay mounted once shown, so going back and forth does not count again.
  return (
    <Box flexDirection="column">
      <Box display={curve ? 'none' : 'flex'}>
        <Overview db={db} period={period} isActive={isActive && !curve} width={width} height={height} onBack={onBack} onCurve={openCurve} />
      </Box>
      {curveSeen ? (
        <Box display={curve ? 'flex' : 'none'}>
          <GapCurvePage db={db} isActive={isActive && curve} width={width} height={height} onBack={() => setCurve(false)} />
        </Box>
      ) : null}
    </Box>
  );
}

function Overview({ db, period = ALL_TIME, isActive, width, height, onBack, onCurve }: StatsProps & { onCurve(): void }) {
  const theme = useTheme();
  const stats = useAsync(() => sessionStats(db, period), [db, period]);
  const [offset, setOffset] = useState(0);
  const view = Math.max(1, height - 2);
  const content = useRef<DOMElement>(null);
  const [contentHeight, setContentHeight] = useState(0);
  // The charts' height is known only once laid out; measured after each render (an unchanged value is free).
  useEffect(() => {
    if (content.current) setContentHeight(measureElement(content.current).height);
  });
  const maxOffset = Math.max(0, contentHeight - view);
  useKeymap((action) => {
    const scroll: Partial<Record<typeof action, (o: number) => number>> = {
      up: (o) => o - 1,
      down: (o) => o + 1,
      pageUp: (o) => o - view,
      pageDown: (o) => o + view,
      top: () => 0,
      bottom: () => Number.MAX_SAFE_INTEGER,
    };
    const move = scroll[action];
    if (move) setOffset((o) => Math.max(0, Math.min(maxOffset, move(o))));
    else if (action === 'back') onBack();
    else if (action === 'gaps') onCurve();
  }, isActive);

  let body: ReactNode;
  if (stats.error) body = <Text color={theme.error}>Error: {stats.error.message}</Text>;
  else if (!stats.value) body = <Text>Counting...</Text>;
  else {
    const s = stats.value;
    body = (
      <Box ref={content} flexDirection="column" marginTop={-offset} gap={1} flexShrink={0}>
        <Summary stats={s} />
        <FunnelChart steps={s.funnel} width={width} change={s.previous?.change.funnel.map((f) => f.overallPoints)} />
        <SessionsPerDay stats={s} width={width} />
        <Box flexWrap="wrap">
          <BreakdownTable title={titles.city} rows={s.breakdowns.city} />
          <BreakdownTable title={titles.os} rows={s.breakdowns.os} />
          <BreakdownTable title={titles.appVersion} rows={s.breakdowns.appVersion} />
        </Box>
      </Box>
    );
  }
  return (
    <ClippedPage
      height={height}
      view={view}
      width={width}
      hints={footer}
      status={contentHeight > view ? `lines ${offset + 1}-${Math.min(contentHeight, offset + view)} of ${contentHeight}` : undefined}
    >
      {body}
    </ClippedPage>
  );
}
