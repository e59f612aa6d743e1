import React from 'react';
import { Box, Text } from 'ink';
import type { Database } from '../../db/database.js';
import { userSessions, type SessionRow } from '../../sessions/queries.js';
import { DataTable, type Column } from '../components/data-table.js';
import { Footer } from '../components/footer.js';
import { OutcomeLabel } from '../components/outcome-label.js';
import { formatDuration } from '../format.js';
import { useKeymap } from '../hooks/keymap.js';
import { useAsync } from '../hooks/use-async.js';
import type { ScreenHelp, ScreenProps } from '../hooks/use-browser.js';
import { useLocalList } from '../hooks/use-local-list.js';
import { useTheme } from '../theme.js';

export const sessionsHelp: ScreenHelp = {
  title: "A user's sessions",
  actions: ['up', 'down', 'pageUp', 'pageDown', 'top', 'bottom', 'enter', 'filter', 'export', 'jump', 'back', 'help', 'quit'],
  overrides: {
    enter: "open the session's events",
    filter: 'show sessions containing a text (outcome, stage, device, time...)',
    back: 'clear the filter, or back to the users',
  },
  hints: 'Enter events  / filter  e export  Esc back  : jump  ? help  Q quit',
};

const seconds = (value: number | null) => (value === null ? '-' : formatDuration(value * 1000));

const deviceColumn: Column<SessionRow> = { header: 'device', width: 10, text: (s) => s.device || '(none)' };

const columns: readonly Column<SessionRow>[] = [
  { header: '#', width: 3, align: 'right', text: (s) => String(s.index) },
  { header: 'start', width: 23, text: (s) => s.start },
  { header: 'length', width: 6, align: 'right', text: (s) => seconds(s.durationSeconds) },
  { header: 'events', width: 6, align: 'right', text: (s) => String(s.events) },
  { header: 'outcome', width: 7, text: (s) => s.outcome, cell: (s, fitted) => <OutcomeLabel outcome={s.outcome}>{fitted}</OutcomeLabel> },
  { header: 'stage reached', width: 16, text: (s) => s.stage ?? '-' },
  { header: 'to book', width: 7, align: 'right', text: (s) => seconds(s.secondsToBook) },
  { header: 'seed flag', width: 9, text: (s) => (s.booked ? 'booked' : '-') },
  { header: 'dropped off at', width: 10, grow: true, text: (s) => s.dropOff ?? '' },
];

export interface SessionsProps extends ScreenProps {
  db: Database;
  userId: string;
  exportDir: string;
  onOpen(session: SessionRow): void;
}

const TABLE_CHROME = 4; // the user line, column headings, status line, key hints

/** One user's sessions on all their devices: when, how long, how far in the funnel, and whether they booked. */
export function Sessions({ db, userId, ...rest }: SessionsProps) {
  const theme = useTheme();
  const sessions = useAsync(() => userSessions(db, userId), [db, userId]);
  useKeymap((action) => {
    if (action === 'back') rest.onBack();
  }, rest.isActive && !sessions.value);
  if (sessions.error) return <Text color={theme.error}>Error: {sessions.error.message}</Text>;
  if (!sessions.value) return <Text>Loading the sessions of {userId}...</Text>;
  return <SessionTable rows={sessions.value} userId={userId} {...rest} />;
}

function SessionTable({ rows, userId, exportDir, isActive, width, height, onBack, onOpen }: Omit<SessionsProps, 'db'> & { rows: SessionRow[] }) {
  const theme = useTheme();
  const visible = Math.max(1, height - TABLE_CHROME);
  const list = useLocalList({
    rows,
    visible,
    what: 'sessions',
    exportDir,
    searchText: (s) => [s.device, s.start, s.outcome, s.stage, s.dropOff, s.booked ? 'booked' : ''].join(' '),
    onEnter: onOpen,
    onBack,
  });
  useKeymap(list.handle, isActive);
  const devices = new Set(rows.map((s) => s.device)).size;
  const booked = rows.filter((s) => s.outcome === 'booked').length;
  return (
    <Box flexDirection="column" height={height}>
      <Text>
        <Text bold>{userId}</Text>
        <Text color={theme.muted}>
          {`  ${rows.length} sessions on ${devices} device${devices === 1 ? '' : 's'}, ${booked} booked`}
        </Text>
      </Text>
      <Box flexGrow={1}>
        <DataTable columns={devices > 1 ? [deviceColumn, ...columns] : columns} rows={list.page} selected={list.selected} width={width} />
      </Box>
      <Footer status={list.status} hints={sessionsHelp.hints} />
    </Box>
  );
}
