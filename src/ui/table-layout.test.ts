import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GAP, POINTER_WIDTH, layoutColumns, type ColumnSpec } from './table-layout.js';

const users: ColumnSpec[] = [
  { header: 'anonymous id', kind: 'id', pinned: true },
  { header: 'devices', kind: 'value', align: 'right' },
  { header: 'sessions', kind: 'value', align: 'right' },
  { header: 'booked', kind: 'value', align: 'right' },
  { header: 'looked', kind: 'value', align: 'right' },
  { header: 'browsed', kind: 'value', align: 'right' },
  { header: 'first seen', kind: 'value' },
  { header: 'last seen', kind: 'value' },
];
const row = ['179881D8-1FB3-439B-8FE2-9F25FDEDBC3A', '1', '399', '187', '107', '105', '2020-01-01 09:24', '2020-12-31 13:36'];

const used = (layout: ReturnType<typeof layoutColumns>) =>
  POINTER_WIDTH + layout.shown.reduce((sum, c) => sum + c.width, 0) + GAP * (layout.shown.length - 1);

test('at 120 columns every column shows whole', () => {
  const layout = layoutColumns(users, [row], 120, 0);
  assert.deepEqual(
    layout.shown.map((c) => c.width),
    [36, 7, 8, 6, 6, 7, 16, 16],
  );
  assert.equal(layout.hiddenRight, 0);
});

test('at 80 columns the id keeps 8 characters and an ellipsis before any number shrinks', () => {
  const layout = layoutColumns(users, [row], 80, 0);
  const widths = layout.shown.map((c) => c.width);
  assert.ok(widths[0]! >= 9, `id ${widths[0]}`);
  assert.ok(used(layout) <= 80);
  // The numbers gave up only header width, never a digit.
  for (const [i, c] of layout.shown.entries()) if (i > 0) assert.ok(c.width >= (row[c.index] ?? '').length, `column ${c.index}`);
});

test('at 60 columns the id stays and the rest scroll sideways, to the last column and no further', () => {
  const first = layoutColumns(users, [row], 60, 0);
  assert.equal(first.shown[0]!.index, 0);
  assert.ok(first.hiddenRight > 0);
  assert.ok(used(first) <= 60 - 2, 'room for the marker of hidden columns');
  const last = layoutColumns(users, [row], 60, 99);
  assert.equal(last.hiddenRight, 0);
  assert.equal(last.shown.at(-1)!.index, 7);
  assert.equal(last.hiddenLeft, last.maxScroll);
  assert.equal(last.shown[0]!.index, 0, 'the id is pinned');
});

test('the growing column takes what is left', () => {
  const specs: ColumnSpec[] = [{ header: 'n', kind: 'value' }, { header: 'event', grow: true }];
  const layout = layoutColumns(specs, [['1', 'Ride Started']], 40, 0);
  assert.equal(used(layout), 40);
});

test('wide characters are measured in columns', () => {
  const layout = layoutColumns([{ header: 'city' }], [['東京東京']], 40, 0);
  assert.equal(layout.shown[0]!.width, 8);
});

test('columns kept as wide as their headers scroll sideways instead of cutting names that start alike', () => {
  const specs = ['context_app_version', 'context_device_id', 'context_os_name', 'business_zoned'].map((header) => ({ header, wholeHeader: true }));
  const layout = layoutColumns(specs, [['3.1', 'd', 'iOS', 'berlin']], 60, 0);
  for (const { index, width } of layout.shown) assert.ok(width >= specs[index]!.header.length, `${specs[index]!.header} whole`);
  assert.ok(layout.hiddenRight > 0, 'the rest lie to the right');
  const narrow = layoutColumns([{ header: 'n' }, { header: 'kind' }], [['1', 'table']], 80, 0);
  assert.deepEqual(narrow.shown.map((c) => c.width), [1, 5], 'without a growing column, each is as wide as its content');
});
