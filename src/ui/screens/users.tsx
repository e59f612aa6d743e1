import React, { useEffect, useState } from 'react';
import { Box, Text } from 'ink';
import type { Database } from '../../db/database.js';
import { listUsers, USER_SORTS, type Outcome, type UserCursor, type UserListOptions, type UserRow, type UserSort } from '../../sessions/queries.js';
import { DataTable, type Column } from '../components/data-table.js';
import { Footer } from '../components/footer.js';
import { OutcomeLabel } from '../components/outcome-label.js';
import { exportRows, parseExportFormat } from '../export.js';
import { useKeymap } from '../hooks/keymap.js';
import { useBrowser, type ScreenHelp, type ScreenProps } from '../hooks/use-browser.js';
import { useKeysetList } from '../hooks/use-keyset-list.js';
import { isMovement, useListCursor } from '../hooks/use-list-cursor.js';
import { formatCount, nextChoice, rowsLabel } from '../navigation.js';
import { useTheme } from '../theme.js';

export const usersHelp: ScreenHelp = {
  title: 'Users',
  actions: ['up', 'down', 'pageUp', 'pageDown', 'top', 'bottom', 'enter', 'filter', 'sort', 'outcome', 'export', 'jump', 'nextTab', 'back', 'help',
    'quit'],
  overrides: {
    enter: "open the user's sessions",
    filter: 'filter by the start of the anonymous id',
    sort: 'sort by sessions, booked sessions or last seen',
    outcome: 'only users with a booked, looked or browsed session',
    back: 'clear the filter, or quit',
  },
  hints: 'Enter sessions  / filter  s sort  o outcome  e export  : jump  Tab stats/query  ? help  Q quit',
};

const outcomeFilters: readonly (Outcome | 'all')[] = ['all', 'booked', 'looked', 'browsed'];
const sortTitles: Record<UserSort, string> = { sessions: 'sessions', bookings: 'bookings', last_seen: 'last seen' };

/** Timestamps to the minute, so the whole id fits in 120 columns: the exact ones are a level down. */
const toMinute = (timestamp: string) => timestamp.slice(0, 16);

function outcomeColumn(outcome: Outcome, count: (u: UserRow) => number): Column<UserRow> {
  return {
    header: outcome,
    width: 7,
    align: 'right',
    text: (u) => String(count(u)),
    cell: (u, fitted) => (count(u) > 0 ? <OutcomeLabel outcome={outcome}>{fitted}</OutcomeLabel> : fitted),
  };
}

const columns: readonly Column<UserRow>[] = [
  { header: 'anonymous id', width: 12, grow: true, text: (u) => u.anonymousId },
  { header: 'dev', width: 3, align: 'right', text: (u) => String(u.devices) },
  { header: 'sessions', width: 8, align: 'right', text: (u) => String(u.sessions) },
  outcomeColumn('booked', (u) => u.bookingSessions),
  outcomeColumn('looked', (u) => u.lookedSessions),
  outcomeColumn('browsed', (u) => u.browsedSessions),
  { header: 'first seen', width: 16, text: (u) => toMinute(u.firstSeen) },
  { header: 'last seen', width: 16, text: (u) => toMinute(u.lastSeen) },
];

interface Filters {
  search: string;
  outcome: Outcome | 'all';
  sort: UserSort;
}

export interface UsersProps extends ScreenProps {
  db: Database;
  exportDir: string;
  onOpen(anonymousId: string): void;
}

const TABLE_CHROME = 3; // column headings, status line, key hints

/**
 * Every user, paged from the database as far as the cursor goes. A new filter or sort is a new list: the
 * table below is keyed by them, so it starts over at the top.
 */
export function Users(props: UsersProps) {
  const [filters, setFilters] = useState<Filters>({ search: '', outcome: 'all', sort: 'sessions' });
  return <UserTable key={JSON.stringify(filters)} {...props} filters={filters} setFilters={setFilters} />;
}

interface UserTableProps extends UsersProps {
  filters: Filters;
  setFilters(filters: Filters): void;
}

function UserTable({ db, exportDir, isActive, width, height, onBack, onOpen, filters, setFilters }: UserTableProps) {
  const theme = useTheme();
  const browser = useBrowser();
  const visible = Math.max(1, height - TABLE_CHROME);
  const query = { search: filters.search || undefined, outcome: filters.outcome === 'all' ? undefined : filters.outcome, sort: filters.sort };
  const [cursorTop, setCursorTop] = useState(0);
  // The rows the window shows and a page beyond, so a page turn finds them loaded; G asks for the last ones.
  const fetchPage = (after: UserCursor | undefined, limit: number) => listUsers(db, { ...query, after, limit });
  const list = useKeysetList<UserRow, UserCursor>(fetchPage, cursorTop + visible * 2, Math.max(100, visible * 2));
  const total = list.total ?? 0;
  const cursor = useListCursor(total, visible);
  const { top } = cursor.window;
  // The list is read before the cursor exists (the cursor needs its total): the window's top comes back here.
  useEffect(() => setCursorTop(top), [top]);

  const exportAll = (typed: string) => {
    try {
      const format = parseExportFormat(typed);
      browser.say('Exporting...');
      collectAll(db, query).then(
        (rows) => browser.say(`Exported ${formatCount(rows.length)} users to ${exportRows(rows, 'users', format, exportDir)}`),
        (error: Error) => browser.say(error.message, { isError: true }),
      );
    } catch (error) {
      browser.say((error as Error).message, { isError: true });
    }
  };

  useKeymap((action) => {
    if (isMovement(action)) {
      cursor.move(action);
    } else if (action === 'enter') {
      const row = list.rows[cursor.window.cursor];
      if (row) onOpen(row.anonymousId);
    } else if (action === 'sort') setFilters({ ...filters, sort: nextChoice(USER_SORTS, filters.sort) });
    else if (action === 'outcome') setFilters({ ...filters, outcome: nextChoice(outcomeFilters, filters.outcome) });
    else if (action === 'filter') {
      const onSubmit = (search: string) => setFilters({ ...filters, search: search.trim() });
      browser.ask({ label: 'Users whose id starts with:', defaultValue: filters.search, onSubmit });
    } else if (action === 'export') browser.ask({ label: 'Export the users to (csv/json):', placeholder: 'csv', onSubmit: exportAll });
    else if (action === 'back') {
      if (filters.search || filters.outcome !== 'all') setFilters({ ...filters, search: '', outcome: 'all' });
      else onBack();
    }
  }, isActive);

  const rows = list.rows.slice(top, top + visible);
  const filterText = [
    `sort: ${sortTitles[filters.sort]}`,
    `outcome: ${filters.outcome}`,
    ...(filters.search ? [`id starts with "${filters.search}"`] : []),
  ].join('  ');
  const status = list.total === undefined ? 'loading...' : `${rowsLabel(top, visible, total)}  ${filterText}${list.loading ? '  loading...' : ''}`;
  return (
    <Box flexDirection="column" height={height}>
      <Box flexDirection="column" flexGrow={1}>
        {list.error ? <Text color={theme.error}>Error: {list.error.message}</Text> : null}
        {list.total === 0 ? <Text>No users match{filters.search || filters.outcome !== 'all' ? ' (Esc clears the filter)' : ''}.</Text> : null}
        {total > 0 ? <DataTable columns={columns} rows={rows} selected={cursor.window.cursor - top} width={width} /> : null}
      </Box>
      <Footer status={status} hints={usersHelp.hints} />
    </Box>
  );
}

/** Every user the filters match, for an export: page after page, as the list reads them. */
async function collectAll(db: Database, query: Omit<UserListOptions, 'limit' | 'after'>): Promise<UserRow[]> {
  const rows: UserRow[] = [];
  let after: UserCursor | undefined;
  for (;;) {
    const page = await listUsers(db, { ...query, after, limit: 5000 });
    rows.push(...page.rows);
    if (!page.next) return rows;
    after = page.next;
  }
}
