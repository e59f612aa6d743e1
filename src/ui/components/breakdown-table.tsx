import { Box, Text } from 'ink';
import type { BreakdownRow } from '../../sessions/queries.js';
import { titles } from '../../format/column-titles.js';
import { formatCount, formatPercent } from '../../format/values.js';
import { useTable, type Column } from '../hooks/use-table.js';
import { DataTable } from './data-table.js';

function breakdownColumns(title: string): Column<BreakdownRow>[] {
  const count = (header: string, value: (r: BreakdownRow) => number): Column<BreakdownRow> => ({
    header,
    kind: 'value',
    align: 'right',
    text: (r) => formatCount(value(r)),
  });
  return [
    { header: title, text: (r) => r.value ?? '(none)' },
    count(titles.sessions, (r) => r.sessions),
    count(titles.booked, (r) => r.bookingSessions),
    count(titles.looked, (r) => r.lookedSessions),
    count(titles.seedFlag, (r) => r.seedFlagSessions),
    { header: titles.bookedShare, kind: 'value', align: 'right', text: (r) => (r.sessions ? formatPercent(r.bookingSessions / r.sessions) : '-') },
  ];
}

// As wide as its columns: the breakdowns sit side by side where the terminal is wide enough.
const NATURAL_WIDTH = 1000;

/** Sessions and bookings by one dimension (city, OS, app version). */
export function BreakdownTable({ title, rows }: { title: string; rows: readonly BreakdownRow[] }) {
  const table = useTable(breakdownColumns(title), rows, NATURAL_WIDTH);
  return (
    <Box flexDirection="column" marginRight={2} marginBottom={1}>
      {rows.length > 0 ? <DataTable table={table} rows={rows} /> : <Text>No sessions by {title}.</Text>}
    </Box>
  );
}
