import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldColumns, renderCsv, renderTable, toJson, type Column } from './output.js';

interface Row {
  name: string;
  n: number | null;
  ok: boolean;
}

const columns: Column<Row>[] = [
  { header: 'name', value: (r) => r.name },
  { header: 'n', value: (r) => r.n, align: 'right' },
  { header: 'ok', value: (r) => r.ok },
];

test('CSV quotes only the fields that must be, and keeps every byte of the rest', () => {
  const rows: Row[] = [
    { name: 'plain', n: 1, ok: true },
    { name: 'a,b "c"', n: null, ok: false },
    { name: 'cr\rlf\n', n: 2, ok: true },
  ];
  assert.equal(renderCsv(rows, columns), 'name,n,ok\nplain,1,true\n"a,b ""c""",,false\n"cr\rlf\n",2,true\n');
});

test('table columns line up by the width a terminal gives each character', () => {
  const rows: Row[] = [
    { name: '東京', n: 5, ok: true },
    { name: 'Zürich', n: 12, ok: false },
  ];
  const lines = renderTable(rows, columns).trimEnd().split('\n');
  // 東京 takes four columns: the number column starts at the same place on every line
  assert.deepEqual(lines, ['name     n  ok', '------  --  ---', '東京     5  yes', 'Zürich  12  no']);
});

test('JSON and CSV keep the contract names: the seed flag count is bookedSessions, at any depth', () => {
  const value = { seedFlagSessions: 3, rideAware: { seedFlagSessions: 2, sessions: 5 }, rows: [{ seedFlagSessions: 1 }] };
  assert.deepEqual(JSON.parse(toJson(value)), { bookedSessions: 3, rideAware: { bookedSessions: 2, sessions: 5 }, rows: [{ bookedSessions: 1 }] });
  assert.deepEqual(
    fieldColumns([{ user: 'a', seedFlagSessions: 1 }]).map((c) => c.header),
    ['user', 'bookedSessions'],
  );
});
