import { useState } from 'react';
import { Box, Text } from 'ink';
import type { Database } from '../../db/database.js';
import { sessionEvents, userSessions, type EventRow, type SessionRow } from '../../sessions/queries.js';
import { titles } from '../../format/column-titles.js';
import { DataTable } from '../components/data-table.js';
import { Footer, type Hint } from '../components/footer.js';
import { Line } from '../components/line.js';
import { Waiting } from '../components/waiting.js';
import { OutcomeLabel } from '../components/outcome-label.js';
import { RecordView } from '../components/record-view.js';
import { counted, formatDuration, formatGap, formatTimestamp } from '../../format/values.js';
import { useKeymap } from '../hooks/keymap.js';
import { useAsync } from '../hooks/use-async.js';
import type { ScreenHelp, ScreenProps } from '../hooks/use-browser.js';
import { useLocalList, type Arrange } from '../hooks/use-local-list.js';
import type { Column } from '../hooks/use-table.js';
import { eventFields, sessionFields } from '../record-fields.js';
import { sortRows } from '../sorting.js';
import { useTheme } from '../theme.js';

const footer: readonly Hint[] = [
  ['Enter', 'details'],
  ['Esc', 'back'],
  ['/', 'filter'],
  ['Q', 'quit'],
  ['n/N', 'match'],
  ['s/S', 'sort'],
  ['e', 'export'],
  [':', 'jump'],
];

export const eventsHelp: ScreenHelp = {
  title: 'Events of a device, session by session',
  actions: ['up', 'down', 'pageUp', 'pageDown', 'top', 'bottom', 'left', 'right', 'enter', 'details', 'filter', 'nextMatch', 'previousMatch', 'sort',
    'reverse', 'export', 'copy', 'jump', 'period', 'back', 'help', 'quit'],
  overrides: {
    copy: 'copy the name of the event under the cursor to the clipboard, through the terminal (OSC 52)',
    enter: 'all the fields of the event (received at, city, OS, app version...) or of the session',
    pageUp: 'previous page (in the details: their first fields)',
    pageDown: 'next page (in the details: their further fields)',
    filter: 'show the events whose name contains a text, as you type, in their sessions',
    nextMatch: 'next event that matches the filter',
    previousMatch: 'previous event that matches the filter',
    sort: 'sort by the next column (the timeline and its sessions come back on created at, earliest first)',
    export: "export this device's events to CSV or JSON",
    back: 'close the details, clear the filter, or back to the sessions',
  },
  footer,
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
    header: titles.createdAt,
    kind: 'value',
    pinned: true,
    text: (r) => (r.kind === 'session' ? `== session ${r.session.index} ==` : formatTimestamp(r.event.createdAt)),
    sortValue: (r) => (r.kind === 'session' ? r.session.start : r.event.createdAt),
    cell: (r, fitted) => (r.kind === 'session' ? bold(fitted) : fitted),
  },
  {
    header: titles.gap,
    kind: 'value',
    align: 'right',
    text: (r) => (r.kind === 'session' ? '' : gapText(r.event.gapMinutes)),
    sortValue: (r) => (r.kind === 'session' ? null : r.event.gapMinutes),
  },
  {
    header: titles.event,
    grow: true,
    text: (r) =>
      r.kind === 'session'
        ? `${counted(r.session.events, 'event')} in ${formatDuration(r.session.durationSeconds * 1000)}, reached ${r.session.stage ?? 'no stage'}`
        : `  ${r.event.event}`,
    sortValue: (r) => (r.kind === 'session' ? null : r.event.event),
    cell: (r, fitted) => (r.kind === 'session' ? bold(fitted) : fitted),
  },
  {
    header: titles.decided,
    kind: 'value',
    text: (r) => (r.kind === 'session' ? r.session.outcome : r.event.decides && r.outcome ? `<- ${r.outcome}` : ''),
    sortValue: (r) => (r.kind === 'event' && r.event.decides ? (r.outcome ?? null) : null),
    cell: (r, fitted) => {
      const outcome = r.kind === 'session' ? r.session.outcome : r.outcome;
      return outcome && fitted.trim() ? <OutcomeLabel outcome={outcome}>{fitted}</OutcomeLabel> : fitted;
    },
  },
];

const TIME_ORDER = { column: 0, descending: false };

/**
 * In time order the list is the timeline: a filter keeps the sessions that hold a match, boundary lines
 * included. Any other order lists the matching events alone.
 */
const arrange: Arrange<TimelineRow> = (rows, filter, sort) => {
  const needle = filter.toLowerCase();
  const matches = (r: TimelineRow) => r.kind === 'event' && r.event.event.toLowerCase().includes(needle);
  if (sort.column === TIME_ORDER.column && !sort.descending) {
    if (!needle) return rows;
    const sessions = new Set(rows.filter(matches).map((r) => (r.kind === 'event' ? r.event.session : -1)));
    return rows.filter((r) => (r.kind === 'session' ? sessions.has(r.session.index) : matches(r)));
  }
  const events = rows.filter((r) => r.kind === 'event' && (!needle || matches(r)));
  return sortRows(events, columns[sort.column]!, sort.descending);
};

export interface EventsProps extends ScreenProps {
  db: Database;
  userId: string;
  device: string;
  session: number;
  exportDir: string;
}

const TITLE_LINES = 1;

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
  const [since] = useState(() => Date.now());
  if (data.error) return <Text color={theme.error}>Error: {data.error.message}</Text>;
  if (!data.value) return <Waiting what={`Loading the events of ${userId}`} startedAt={since} cancel="Esc goes back." />;
  const start = Math.max(0, data.value.findIndex((r) => r.kind === 'session' && r.session.index === session));
  return <Timeline rows={data.value} start={start} device={device} session={session} {...rest} />;
}

interface TimelineProps extends Omit<EventsProps, 'db' | 'userId'> {
  rows: TimelineRow[];
  start: number;
}

function Timeline({ rows, start, device, session, exportDir, isActive, width, height, onBack }: TimelineProps) {
  const theme = useTheme();
  const visible = Math.max(1, height - TITLE_LINES - 3);
  const eventsOf = (lines: readonly TimelineRow[]) => lines.flatMap((r) => (r.kind === 'event' ? [r.event] : []));
  const list = useLocalList({
    rows,
    columns,
    visible,
    width,
    initialSort: TIME_ORDER,
    arrange,
    isMatch: (r) => r.kind === 'event',
    start,
    what: 'events',
    exportDir,
    // An export holds the events, not the boundary lines drawn between them.
    exported: eventsOf,
    searchText: (r) => (r.kind === 'event' ? r.event.event : ''),
    fieldsOf: (r) => (r.kind === 'event' ? eventFields(r.event, r.outcome) : sessionFields(r.session)),
    copyOf: (r) => (r.kind === 'event' ? r.event.event : undefined),
    onBack,
  });
  useKeymap(list.handle, isActive);
  const current = list.current;
  return (
    <Box flexDirection="column" height={height}>
      <Line
        parts={[
          { text: `device ${device || '(none)'}`, bold: true },
          { text: `  ${eventsOf(rows).length} events, opened at session ${session}; gaps in whole minutes`, color: theme.muted },
        ]}
        width={width}
      />
      <Box flexGrow={1} flexDirection="column">
        {list.details.open && current && list.fields ? (
          <RecordView
            title={current.kind === 'event' ? `event at ${formatTimestamp(current.event.createdAt)}` : `session ${current.session.index}`}
            fields={list.fields}
            offset={list.details.offset}
            width={width}
            height={visible + 1}
          />
        ) : (
          <DataTable table={list.table} rows={list.page} selected={list.selected} />
        )}
      </Box>
      <Footer status={list.status} hints={footer} width={width} />
    </Box>
  );
}
