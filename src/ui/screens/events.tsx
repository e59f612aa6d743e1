import React from 'react';
import { Box, Text } from 'ink';
import type { Database } from '../../db/database.js';
import { sessionEvents, userSessions, type EventRow, type SessionRow } from '../../sessions/queries.js';
import { DataTable, type Column } from '../components/data-table.js';
import { Footer } from '../components/footer.js';
import { OutcomeLabel } from '../components/outcome-label.js';
import { formatDuration, formatGap } from '../format.js';
import { useKeymap } from '../hooks/keymap.js';
import { useAsync } from '../hooks/use-async.js';
import type { ScreenHelp, ScreenProps } from '../hooks/use-browser.js';
import { useLocalList } from '../hooks/use-local-list.js';
import { useTheme } from '../theme.js';

export const eventsHelp: ScreenHelp = {
  title: 'Events of a device, session by session',
  actions: ['up', 'down', 'pageUp', 'pageDown', 'top', 'bottom', 'filter', 'export', 'jump', 'back', 'help', 'quit'],
  overrides: {
    filter: 'show events whose name contains a text',
    export: "export this device's events to CSV or JSON",
    back: 'clear the filter, or back to the sessions',
  },
  hints: '/ filter  e export  Esc back  : jump  ? help  Q quit',
};

/** A line of the timeline: a session's boundary (where it starts, what it came to) or one event. */
type TimelineRow = { kind: 'session'; session: SessionRow } | { kind: 'event'; event: EventRow; outcome?: SessionRow['outcome'] };

/** The device's events in time order with a boundary line before each session. */
function timeline(events: readonly EventRow[], sessions: readonly SessionRow[]): TimelineRow[] {
  const byIndex = new Map(sessions.map((s) => [s.index, s]));
  return events.flatMap((event): TimelineRow[] => {
    const session = byIndex.get(event.session);
    const line: TimelineRow = { kind: 'event', event, outcome: session?.outcome };
    return event.startsSession && session ? [{ kind: 'session', session }, line] : [line];
  });
}

const gapText = (minutes: number | null) => (minutes === null ? 'first' : formatGap(minutes));

const bold = (fitted: string) => <Text bold>{fitted}</Text>;

// A boundary line names the session under the time column, sums it up under the event column and gives
// its outcome under "decided"; the time and gap are on the session's first event, just below it.
const columns: readonly Column<TimelineRow>[] = [
  {
    header: 'created at',
    width: 23,
    text: (r) => (r.kind === 'session' ? `== session ${r.session.index} ==` : r.event.createdAt),
    cell: (r, fitted) => (r.kind === 'session' ? bold(fitted) : fitted),
  },
  { header: 'gap', width: 7, align: 'right', text: (r) => (r.kind === 'session' ? '' : gapText(r.event.gapMinutes)) },
  {
    header: 'event',
    width: 20,
    grow: true,
    text: (r) =>
      r.kind === 'session'
        ? `${r.session.events} events in ${formatDuration(r.session.durationSeconds * 1000)}, reached ${r.session.stage ?? 'no stage'}`
        : `  ${r.event.event}`,
    cell: (r, fitted) => (r.kind === 'session' ? bold(fitted) : fitted),
  },
  {
    header: 'decided',
    width: 10,
    text: (r) => (r.kind === 'session' ? r.session.outcome : r.event.decides && r.outcome ? `<- ${r.outcome}` : ''),
    cell: (r, fitted) => {
      const outcome = r.kind === 'session' ? r.session.outcome : r.outcome;
      return outcome && fitted.trim() ? <OutcomeLabel outcome={outcome}>{fitted}</OutcomeLabel> : fitted;
    },
  },
];

export interface EventsProps extends ScreenProps {
  db: Database;
  userId: string;
  device: string;
  session: number;
  exportDir: string;
}

const TABLE_CHROME = 4; // the device line, column headings, status line, key hints

/**
 * The timeline of one device, opened at the chosen session: the gap before each event, a boundary line where
 * each session starts, and the event that decided each session's outcome marked.
 */
export function Events({ db, userId, device, session, ...rest }: EventsProps) {
  const theme = useTheme();
  const data = useAsync(
    async () => {
      const [events, sessions] = await Promise.all([sessionEvents(db, userId, { device }), userSessions(db, userId)]);
      return timeline(events, sessions.filter((s) => s.device === device));
    },
    [db, userId, device],
  );
  useKeymap((action) => {
    if (action === 'back') rest.onBack();
  }, rest.isActive && !data.value);
  if (data.error) return <Text color={theme.error}>Error: {data.error.message}</Text>;
  if (!data.value) return <Text>Loading the events of {userId}...</Text>;
  const start = Math.max(0, data.value.findIndex((r) => r.kind === 'session' && r.session.index === session));
  return <Timeline rows={data.value} start={start} device={device} session={session} {...rest} />;
}

interface TimelineProps extends Omit<EventsProps, 'db' | 'userId'> {
  rows: TimelineRow[];
  start: number;
}

function Timeline({ rows, start, device, session, exportDir, isActive, width, height, onBack }: TimelineProps) {
  const theme = useTheme();
  const visible = Math.max(1, height - TABLE_CHROME);
  const eventsOf = (lines: readonly TimelineRow[]) => lines.flatMap((r) => (r.kind === 'event' ? [r.event] : []));
  const list = useLocalList({
    rows,
    visible,
    start,
    what: 'events',
    exportDir,
    // An export holds the events, not the boundary lines drawn between them.
    exported: eventsOf,
    searchText: (r) => (r.kind === 'event' ? r.event.event : ''),
    onBack,
  });
  useKeymap(list.handle, isActive);
  return (
    <Box flexDirection="column" height={height}>
      <Text>
        <Text bold>device {device || '(none)'}</Text>
        <Text color={theme.muted}>{`  ${eventsOf(rows).length} events, opened at session ${session}; gaps in whole minutes`}</Text>
      </Text>
      <Box flexGrow={1}>
        <DataTable columns={columns} rows={list.page} selected={list.selected} width={width} />
      </Box>
      <Footer status={list.status} hints={eventsHelp.hints} />
    </Box>
  );
}
