import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { fieldColumns, lookupFormats, renderCsv, renderTable, rowWriter, toJson, type Column } from './output.js';

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

/** A stdout that keeps what it is given. */
function captured() {
  let text = '';
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { io: { stdout }, text: () => text };
}

test('rows streamed a page at a time read exactly as the whole list printed at once', async () => {
  const rows = Array.from({ length: 23 }, (_, i) => ({ name: `n${'x'.repeat(i % 7)}\u001b${i}`, n: i % 5 === 0 ? null : i, ok: i % 2 === 0 }));
  for (const format of ['json', 'csv'] as const) {
    for (const size of [1, 4, 23]) {
      const out = captured();
      const writer = rowWriter(out.io, format, columns, lookupFormats<Row>());
      for (let i = 0; i < rows.length; i += size) assert.equal(await writer.page(rows.slice(i, i + size)), true);
      await writer.end('not for scripts');
      assert.equal(out.text(), format === 'json' ? `${toJson(rows)}\n` : renderCsv(rows, fieldColumns(rows)), `${format} by ${size}`);
    }
  }
  const empty = captured();
  const writer = rowWriter(empty.io, 'json', columns, lookupFormats<Row>());
  await writer.end();
  assert.deepEqual(JSON.parse(empty.text()), []);
});

test('a streamed table takes its widths from the first page, shows control characters, and prints later wide cells whole', async () => {
  const out = captured();
  const writer = rowWriter(out.io, 'table', columns, lookupFormats<Row>());
  await writer.page([{ name: 'ab', n: 1, ok: true }]);
  await writer.page([{ name: 'a\u001b[2J\nb', n: 22, ok: false }]);
  await writer.end('2 rows');
  assert.equal(out.text(), 'name  n  ok\n----  -  ---\nab    1  yes\na^[[2J^Jb  22  no\n2 rows\n');
});
