import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { DataTable } from './data-table.js';
import { useTable, type Column, type SortOrder } from '../hooks/use-table.js';
import { widthOf } from '../text-width.js';
import { waitForFrame } from '../../../test/support/ink.js';

interface Row {
  name: string;
  count: number;
}

const columns: Column<Row>[] = [
  { header: 'name', grow: true, text: (r) => r.name },
  { header: 'count', kind: 'value', align: 'right', text: (r) => String(r.count) },
];

function Table({ rows, width, sort, selected }: { rows: Row[]; width: number; sort?: SortOrder; selected?: number }) {
  const table = useTable(columns, rows, width, sort);
  return <DataTable table={table} rows={rows} selected={selected} />;
}

test('columns line up, the cursor row is pointed at, and long values are cut visibly', () => {
  const rows = [
    { name: 'ann', count: 3 },
    { name: 'a-very-long-name', count: 12 },
  ];
  const { lastFrame } = render(<Table rows={rows} selected={1} width={20} />);
  assert.deepEqual(lastFrame()?.split('\n'), ['  name         count', '  ann              3', '> a-very-lon\u2026     12']);
});

test('wide characters line up: columns are measured in terminal columns', () => {
  const rows = [
    { name: '東京', count: 1 },
    { name: 'berlin', count: 22 },
  ];
  const lines = render(<Table rows={rows} width={20} />).lastFrame()!.split('\n');
  assert.deepEqual(
    lines.map((line) => widthOf(line)),
    [20, 20, 20],
  );
  assert.match(lines[1]!, /東京 +1$/);
});

test('the sorted column shows its direction', () => {
  const { lastFrame } = render(<Table rows={[{ name: 'a', count: 1 }]} width={30} sort={{ column: 1, descending: true }} />);
  assert.match(lastFrame()!.split('\n')[0]!, /count \u2193$/);
});

test('a stray CR or an escape in a value shows as caret notation and cannot move the cursor', () => {
  const { lastFrame } = render(<Table rows={[{ name: 'Ride Done\r\u001b[2J', count: 1 }]} width={30} />);
  const line = lastFrame()!.split('\n')[1]!;
  assert.match(line, /Ride Done\^M\^\[\[2J/);
  assert.doesNotMatch(line, /[\r\u001b]/);
});

test('a sort on a column out of view scrolls it into view, with its arrow', async () => {
  const wide: Column<Row>[] = [
    { header: 'name', kind: 'id', pinned: true, text: (r) => r.name },
    ...['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'].map((header): Column<Row> => ({ header, kind: 'value', align: 'right', text: (r) => String(r.count) })),
  ];
  function Wide({ sort }: { sort?: SortOrder }) {
    const table = useTable(wide, [{ name: 'a', count: 1 }], 30, sort);
    return <DataTable table={table} rows={[{ name: 'a', count: 1 }]} />;
  }
  const rendered = render(<Wide />);
  assert.doesNotMatch(rendered.lastFrame()!, /golf/, 'golf lies off screen to start with');
  rendered.rerender(<Wide sort={{ column: 7, descending: true }} />);
  const sorted = await waitForFrame(rendered, /golf \u2193/);
  assert.match(sorted.split('\n')[0]!, /^< name {2}.*golf \u2193 *$/, 'the header, with the pinned name');
});
