import { useEffect, useState } from 'react';
import { Box } from 'ink';
import type { Database } from '../../db/database.js';
import { ALL_TIME, describePeriod, isAllTime, listUsers, type Outcome, type Period, type UserCursor, type UserListOptions, type UserRow, type UserSort } from '../../sessions/queries.js';
import { titles } from '../../format/column-titles.js';
import { DataTable } from '../components/data-table.js';
import { Footer, type Hint } from '../components/footer.js';
import { Line } from '../components/line.js';
import { OutcomeLabel } from '../components/outcome-label.js';
import { fieldLines, RecordView } from '../components/record-view.js';
import { exportRows, parseExportFormat } from '../export.js';
import { useKeymap } from '../hooks/keymap.js';
import { useClipboard } from '../hooks/use-clipboard.js';
import { useBrowser, type ScreenHelp, type ScreenProps } from '../hooks/use-browser.js';
import { useDetails } from '../hooks/use-details.js';
import { useKeysetList } from '../hooks/use-keyset-list.js';
import { isMovement, useListCursor } from '../hooks/use-list-cursor.js';
import { useLiveFilter } from '../hooks/use-live-filter.js';
import { useTable, type Column, type SortOrder } from '../hooks/use-table.js';
import { nextChoice } from '../navigation.js';
import { formatCount, rowsLabel } from '../../format/values.js';
import { userFields } from '../record-fields.js';
import { nextSort, sortLabel } from '../sorting.js';
import { useTheme } from '../theme.js';

const footer: readonly Hint[] = [
  ['Enter', 'sessions'],
  ['/', 'filter'],
  ['Q', 'quit'],
  ['s/S', 'sort'],
  ['o', 'outcome'],
  ['d', 'details'],
  ['Tab', 'stats/query'],
  ['e', 'export'],
  ['p', 'period'],
  [':', 'jump'],
];

export const usersHelp: ScreenHelp = {
  title: 'Users',
  actions: ['up', 'down', 'pageUp', 'pageDown', 'top', 'bottom', 'left', 'right', 'enter', 'details', 'filter', 'nextMatch', 'previousMatch', 'sort',
    'reverse', 'outcome', 'export', 'copy', 'jump', 'period', 'nextTab', 'back', 'help', 'quit'],
  overrides: {
    enter: "open the user's sessions",
    pageUp: 'previous page (in the details: their first fields)',
    pageDown: 'next page (in the details: their further fields)',
    filter: 'show the users whose id starts with a text, as you type',
    nextMatch: 'next user',
    previousMatch: 'previous user',
    outcome: 'only users with a booked, looked or browsed session',
    back: 'close the details or clear the filters (Q quits)',
  },
  footer,
};

const outcomeFilters: readonly (Outcome | 'all')[] = ['all', 'booked', 'looked', 'browsed'];

/** Days, so the whole id fits in 120 columns: the exact times are in the details (d). */
const toDay = (timestamp: string) => timestamp.slice(0, 10);

type UserColumn = Column<UserRow> & { sort: UserSort };

function outcomeColumn(outcome: Outcome, sort: UserSort, count: (u: UserRow) => number): UserColumn {
  return {
    header: titles[outcome],
    kind: 'value',
    align: 'right',
    sort,
    text: (u) => String(count(u)),
    cell: (u, fitted) => (count(u) > 0 ? <OutcomeLabel outcome={outcome}>{fitted}</OutcomeLabel> : fitted),
  };
}

const columns: readonly UserColumn[] = [
  { header: titles.anonymousId, kind: 'id', pinned: true, sort: 'anonymous_id', text: (u) => u.anonymousId },
  { header: titles.devices, kind: 'value', align: 'right', sort: 'devices', text: (u) => String(u.devices) },
  { header: titles.sessions, kind: 'value', align: 'right', sort: 'sessions', text: (u) => String(u.sessions) },
  outcomeColumn('booked', 'bookings', (u) => u.bookingSessions),
  outcomeColumn('looked', 'looked', (u) => u.lookedSessions),
  outcomeColumn('browsed', 'browsed', (u) => u.browsedSessions),
  { header: titles.seedFlag, kind: 'value', align: 'right', sort: 'seed_flag', text: (u) => String(u.seedFlagSessions) },
  { header: titles.firstSeen, kind: 'value', sort: 'first_seen', text: (u) => toDay(u.firstSeen) },
  { header: titles.lastSeen, kind: 'value', sort: 'last_seen', text: (u) => toDay(u.lastSeen) },
];

const BY_SESSIONS: SortOrder = { column: 2, descending: true };

interface Filters {
  search: string;
  outcome: Outcome | 'all';
  sort: SortOrder;
}

export interface UsersProps extends ScreenProps {
  db: Database;
  exportDir: string;
  /** Only sessions starting in it count (the period picker, p); all time by default. */
  period?: Period;
  onOpen(anonymousId: string): void;
}

const TABLE_CHROME = 3; // column headings, status line, key hints

/**
 * Every user, paged from the database as far as the cursor goes. A new filter or sort is a new list: the
 * table below is keyed by them, so it starts over at the top.
 */
export function Users(props: UsersProps) {
  const live = useLiveFilter('Users whose id starts with:');
  const [outcome, setOutcome] = useState<Outcome | 'all'>('all');
  const [sort, setSort] = useState(BY_SESSIONS);
  const filters: Filters = { search: live.filter, outcome, sort };
  const handle = (action: 'filter' | 'outcome' | 'sort' | 'reverse' | 'clear') => {
    if (action === 'filter') live.open();
    else if (action === 'outcome') setOutcome(nextChoice(outcomeFilters, outcome));
    else if (action === 'sort' || action === 'reverse') setSort(nextSort(sort, columns, action));
    else {
      live.clear();
      setOutcome('all');
    }
  };
  return <UserTable key={JSON.stringify([filters, props.period])} {...props} filters={filters} onFilters={handle} />;
}

interface UserTableProps extends UsersProps {
  filters: Filters;
  onFilters(action: 'filter' | 'outcome' | 'sort' | 'reverse' | 'clear'): void;
}

function UserTable({ db, exportDir, period = ALL_TIME, isActive, width, height, onBack, onOpen, filters, onFilters }: UserTableProps) {
  const theme = useTheme();
  const browser = useBrowser();
  const visible = Math.max(1, height - TABLE_CHROME);
  const query: Omit<UserListOptions, 'limit' | 'after'> = {
    search: filters.search || undefined,
    outcome: filters.outcome === 'all' ? undefined : filters.outcome,
    sort: columns[filters.sort.column]!.sort,
    ascending: !filters.sort.descending,
    period,
  };
  const [cursorTop, setCursorTop] = useState(0);
  // The rows the window shows and a page beyond, so a page turn finds them loaded; G asks for the last ones.
  const fetchPage = (after: UserCursor | undefined, limit: number) => listUsers(db, { ...query, after, limit });
  const list = useKeysetList<UserRow, UserCursor>(fetchPage, cursorTop + visible * 2, Math.max(100, visible * 2));
  const total = list.total ?? 0;
  const cursor = useListCursor(total, visible);
  const { top } = cursor.window;
  // The list is read before the cursor exists (the cursor needs its total): the window's top comes back here.
  useEffect(() => setCursorTop(top), [top]);
  const rows = list.rows.slice(top, top + visible);
  const table = useTable(columns, rows, width, filters.sort);
  const current = list.rows[cursor.window.cursor];
  const fields = current && userFields(current);
  const details = useDetails(fields, fieldLines(visible + 1));

  const exportAll = (typed: string) => {
    try {
      const format = parseExportFormat(typed);
      browser.say('Exporting...');
      collectAll(db, query).then(
        (all) => browser.say(`Exported ${formatCount(all.length)} users to ${exportRows(all, 'users', format, exportDir)}`),
        (error: Error) => browser.say(error.message, { isError: true }),
      );
    } catch (error) {
      browser.say((error as Error).message, { isError: true });
    }
  };

  const copy = useClipboard();
  useKeymap((action) => {
    if (details.open && (action === 'pageUp' || action === 'pageDown')) details.scroll(action === 'pageUp' ? -1 : 1);
    else if (isMovement(action)) cursor.move(action);
    else if (action === 'nextMatch' || action === 'previousMatch') cursor.move(action === 'nextMatch' ? 'down' : 'up');
    else if (action === 'left' || action === 'right') table.scroll(action === 'left' ? -1 : 1);
    else if (action === 'enter' && !details.open && current) onOpen(current.anonymousId);
    else if (action === 'details' || action === 'enter') details.toggle();
    else if (action === 'filter' || action === 'outcome' || action === 'sort' || action === 'reverse') onFilters(action);
    else if (action === 'copy' && current) {
      copy(current.anonymousId);
      browser.say(`Copied ${current.anonymousId} to the clipboard (through the terminal: it must allow OSC 52).`);
    } else if (action === 'export') browser.ask({ label: 'Export the users to (csv/json):', placeholder: 'csv', onSubmit: exportAll });
    else if (action === 'back') {
      if (details.open) details.close();
      else if (filters.search || filters.outcome !== 'all') onFilters('clear');
      else onBack();
    }
  }, isActive);

  const filterText = [
    `sort: ${sortLabel(columns, filters.sort)}`,
    `outcome: ${filters.outcome}`,
    ...(filters.search ? [`id starts with "${filters.search}"`] : []),
  ].join('  ');
  const status = list.total === undefined ? 'loading...' : `${rowsLabel(top, visible, total)}  ${filterText}${list.loading ? '  loading...' : ''}`;
  return (
    <Box flexDirection="column" height={height}>
      <Box flexDirection="column" flexGrow={1}>
        {list.error ? <Line color={theme.error} parts={[`Error: ${list.error.message}`]} width={width} /> : null}
        {list.total === 0 ? (
          <Line
            parts={[
              `No users match${filters.search || filters.outcome !== 'all' ? ' (Esc clears the filter)' : ''}${isAllTime(period) ? '' : ` in ${describePeriod(period)} (p: another period)`}.`,
            ]}
            width={width}
          />
        ) : null}
        {details.open && current && fields ? (
          <RecordView title={`user ${current.anonymousId}`} fields={fields} offset={details.offset} width={width} height={visible + 1} />
        ) : total > 0 ? (
          <DataTable table={table} rows={rows} selected={cursor.window.cursor - top} />
        ) : null}
      </Box>
      <Footer status={status} hints={footer} width={width} />
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
