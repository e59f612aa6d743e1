import { useState } from 'react';
import { Box, Text } from 'ink';
import type { Database } from '../../db/database.js';
import { ALL_TIME, userSessions, type Period, type SessionRow } from '../../sessions/queries.js';
import { titles } from '../../format/column-titles.js';
import { DataTable } from '../components/data-table.js';
import { Footer, type Hint } from '../components/footer.js';
import { Line } from '../components/line.js';
import { Waiting } from '../components/waiting.js';
import { OutcomeLabel } from '../components/outcome-label.js';
import { RecordView } from '../components/record-view.js';
import { formatSeconds, formatTimestamp } from '../../format/values.js';
import { useKeymap } from '../hooks/keymap.js';
import { useAsync } from '../hooks/use-async.js';
import type { ScreenHelp, ScreenProps } from '../hooks/use-browser.js';
import { useLocalList } from '../hooks/use-local-list.js';
import { sessionFields } from '../record-fields.js';
import type { Column } from '../hooks/use-table.js';
import { useTheme } from '../theme.js';

const footer: readonly Hint[] = [
  ['Enter', 'events'],
  ['Esc', 'back'],
  ['/', 'filter'],
  ['Q', 'quit'],
  ['s/S', 'sort'],
  ['d', 'details'],
  ['e', 'export'],
  [':', 'jump'],
];

export const sessionsHelp: ScreenHelp = {
  title: "A user's sessions",
  actions: ['up', 'down', 'pageUp', 'pageDown', 'top', 'bottom', 'left', 'right', 'enter', 'details', 'filter', 'nextMatch', 'previousMatch', 'sort',
    'reverse', 'export', 'copy', 'jump', 'period', 'back', 'help', 'quit'],
  overrides: {
    copy: 'copy the device id of the session under the cursor to the clipboard, through the terminal (OSC 52)',
    enter: "open the session's events",
    pageUp: 'previous page (in the details: their first fields)',
    pageDown: 'next page (in the details: their further fields)',
    filter: 'show the sessions containing a text (outcome, stage, device, time...) as you type',
    back: 'close the details, clear the filter, or back to the users',
  },
  footer,
};


const deviceColumn: Column<SessionRow> = { header: titles.device, kind: 'id', pinned: true, text: (s) => s.device || '(none)' };

const columns: readonly Column<SessionRow>[] = [
  { header: titles.session, kind: 'value', align: 'right', pinned: true, text: (s) => String(s.index), sortValue: (s) => s.index },
  { header: titles.start, kind: 'value', text: (s) => formatTimestamp(s.start) },
  { header: titles.length, kind: 'value', align: 'right', text: (s) => formatSeconds(s.durationSeconds), sortValue: (s) => s.durationSeconds },
  { header: titles.events, kind: 'value', align: 'right', text: (s) => String(s.events), sortValue: (s) => s.events },
  {
    header: titles.outcome,
    kind: 'value',
    text: (s) => s.outcome,
    sortValue: (s) => s.stageRank,
    cell: (s, fitted) => <OutcomeLabel outcome={s.outcome}>{fitted}</OutcomeLabel>,
  },
  { header: titles.stage, text: (s) => s.stage ?? '-', sortValue: (s) => s.stageRank },
  { header: titles.toBook, kind: 'value', align: 'right', text: (s) => formatSeconds(s.secondsToBook), sortValue: (s) => s.secondsToBook },
  { header: titles.seedFlag, kind: 'value', text: (s) => (s.booked ? 'booked' : '-') },
  { header: titles.droppedOff, grow: true, text: (s) => s.dropOff ?? '' },
];

export interface SessionsProps extends ScreenProps {
  db: Database;
  userId: string;
  exportDir: string;
  /** Only the sessions starting in it (the period picker, p); all time by default. */
  period?: Period;
  onOpen(session: SessionRow): void;
}

const TITLE_LINES = 1;

/** One user's sessions on all their devices: when, how long, how far in the funnel, and whether they booked. */
export function Sessions({ db, userId, period = ALL_TIME, ...rest }: SessionsProps) {
  const theme = useTheme();
  const sessions = useAsync(() => userSessions(db, userId, { period }), [db, userId, period]);
  useKeymap((action) => {
    if (action === 'back') rest.onBack();
  }, rest.isActive && !sessions.value);
  const [since] = useState(() => Date.now());
  if (sessions.error) return <Text color={theme.error}>Error: {sessions.error.message}</Text>;
  if (!sessions.value) return <Waiting what={`Loading the sessions of ${userId}`} startedAt={since} cancel="Esc goes back." />;
  return <SessionTable rows={sessions.value} userId={userId} period={period} {...rest} />;
}

function SessionTable({ rows, userId, exportDir, isActive, width, height, onBack, onOpen }: Omit<SessionsProps, 'db'> & { rows: SessionRow[] }) {
  const theme = useTheme();
  const devices = new Set(rows.map((s) => s.device)).size;
  const shownColumns = devices > 1 ? [deviceColumn, ...columns] : columns;
  const visible = Math.max(1, height - TITLE_LINES - 3);
  const list = useLocalList({
    rows,
    columns: shownColumns,
    visible,
    width,
    // The lookup's order: by device, then session.
    initialSort: { column: 0, descending: false },
    what: 'sessions',
    exportDir,
    // a file read on its own says whose sessions they are
    exported: (sessions) => sessions.map((session) => ({ anonymousId: userId, ...session })),
    searchText: (s) => [s.device, s.start, s.outcome, s.stage, s.dropOff, s.booked ? 'seed flag booked' : ''].join(' '),
    fieldsOf: sessionFields,
    copyOf: (s) => s.device || undefined,
    onEnter: onOpen,
    onBack,
  });
  useKeymap(list.handle, isActive);
  const booked = rows.filter((s) => s.outcome === 'booked').length;
  return (
    <Box flexDirection="column" height={height}>
      <Line
        parts={[
          { text: userId, bold: true },
          { text: `  ${rows.length} sessions on ${devices} device${devices === 1 ? '' : 's'}, ${booked} booked`, color: theme.muted },
        ]}
        width={width}
      />
      <Box flexGrow={1} flexDirection="column">
        {list.details.open && list.current && list.fields ? (
          <RecordView title={`session ${list.current.index}`} fields={list.fields} offset={list.details.offset} width={width} height={visible + 1} />
        ) : (
          <DataTable table={list.table} rows={list.page} selected={list.selected} />
        )}
      </Box>
      <Footer status={list.status} hints={footer} width={width} />
    </Box>
  );
}
