import React from 'react';
import { Box, Text } from 'ink';
import { Table } from '@alcalzone/ink-table';
import type { BreakdownRow } from '../../sessions/queries.js';
import { formatCount, formatPercent } from '../format.js';

const numberColumns = (['sessions', 'looked', 'booked', 'booked %'] as const).map((key) => ({ key, align: 'right' as const }));

/** Sessions and bookings by one dimension (city, OS, app version), as an ink-table. */
export function BreakdownTable({ title, rows }: { title: string; rows: readonly BreakdownRow[] }) {
  const data = rows.map((r) => ({
    [title]: r.value ?? '(none)',
    sessions: formatCount(r.sessions),
    looked: formatCount(r.lookedSessions),
    booked: formatCount(r.bookingSessions),
    'booked %': r.sessions ? formatPercent(r.bookingSessions / r.sessions) : '-',
  }));
  return (
    <Box flexDirection="column" marginRight={2}>
      {data.length > 0 ? <Table data={data} columns={[title, ...numberColumns]} /> : <Text>No sessions by {title}.</Text>}
    </Box>
  );
}
