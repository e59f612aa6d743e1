import { test } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { render } from 'ink-testing-library';
import { DataTable, type Column } from './data-table.js';

interface Row {
  name: string;
  count: number;
}

const columns: Column<Row>[] = [
  { header: 'name', width: 6, grow: true, text: (r) => r.name },
  { header: 'count', width: 5, align: 'right', text: (r) => String(r.count) },
];

test('columns line up, the cursor row is pointed at, and long values are cut visibly', () => {
  const rows = [
    { name: 'ann', count: 3 },
    { name: 'a-very-long-name', count: 12 },
  ];
  const { lastFrame } = render(<DataTable columns={columns} rows={rows} selected={1} width={20} />);
  assert.deepEqual(lastFrame()?.split('\n'), [
    '  name         count',
    '  ann              3',
    '> a-very-lon\u2026     12',
  ]);
});
