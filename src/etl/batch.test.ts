import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Batch, copyData } from './batch.js';
import { plainRecord } from './record-splitter.js';

/** Lines of every kind the byte path must either take exactly as the string path does, or leave to it. */
function lines(count: number): string[] {
  let seed = 3;
  const pick = <T>(items: readonly T[]): T => items[(seed = (seed * 1103515245 + 12345) & 0x7fffffff) % items.length]!;
  const ids = ['0e46a159-f926-4188-9016-68107f50dc66', 'ABC-Def', 'Äbc', ' x ', '\u00a0', ' ', '', 'a'.repeat(1001), 'b'.repeat(1000), 'İd', 'a\tb'];
  const times = ['2020-01-01 00:12:12.136', '2020-01-01T00:12:12', '2020-02-30 00:00:00', '2020-01-01 00:12:12Z', ' 2020-01-01 00:12:12', ''];
  const events = ['Application Opened', ' ', '', '\u3000', 'Événement', 'x\0y', 'a\rb'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const fields = [pick(ids), pick(['vienna', '', 'wien ü']), '3.8.1', pick([...ids, 'B4BF']), pick(['Android', '']), pick(events), pick(times), pick(times)];
    out.push(fields.slice(0, pick([8, 8, 8, 7, 9])).join(';'));
  }
  return out;
}

test('a line read as bytes makes the same row, reject or repeat as the same line read as text', () => {
  const all = lines(20_000);
  const asBytes = new Batch(12);
  const asText = new Batch(12);
  all.forEach((text, i) => {
    const bytes = Buffer.from(`\n${text}\n`);
    asBytes.add({ bytes, start: 1, end: bytes.length - 1, line: i + 2 });
    const record = plainRecord(text, i + 2);
    if (record !== null) asText.add(record);
  });
  assert.ok(asText.rows.length > 100 && asText.rejects.length > 100 && asText.repeats > 100, 'the lines cover rows, rejects and repeats');
  assert.deepEqual(asBytes.rejects, asText.rejects);
  assert.equal(asBytes.repeats, asText.repeats);
  const view = (b: Batch) => b.rows.map((r) => ({ line: r.line, hash: r.hash, raw: r.raw, userKey: r.userKey, deviceKey: r.deviceKey, copy: r.copyLine.toString() }));
  assert.deepEqual(view(asBytes), view(asText));
  assert.equal(copyData(asBytes.rows).toString(), copyData(asText.rows).toString());
  const some = asBytes.rows.filter((_, i) => i % 3 === 0);
  assert.equal(copyData(some).toString(), some.map((r) => r.copyLine.toString()).join(''));
});
