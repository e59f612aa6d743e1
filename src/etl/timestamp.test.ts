import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNormalTimestamp, normalizeTimestamp } from './timestamp.js';

test('accepts what PostgreSQL stores as a timestamp, normalised', () => {
  assert.equal(normalizeTimestamp('2020-03-01 08:00:00'), '2020-03-01 08:00:00');
  assert.equal(normalizeTimestamp('2020-03-01 08:00:00.125'), '2020-03-01 08:00:00.125');
  assert.equal(normalizeTimestamp('2020-03-01T08:00:00.123456'), '2020-03-01 08:00:00.123456');
  assert.equal(normalizeTimestamp(' 2020-03-01 08:00:00Z '), '2020-03-01 08:00:00');
  assert.equal(normalizeTimestamp('2020-03-01 08:00:00.5 UTC'), '2020-03-01 08:00:00.5');
  assert.equal(normalizeTimestamp('2020-02-29 23:59:59'), '2020-02-29 23:59:59');
});

test('refuses anything a COPY into a timestamp column would fail on', () => {
  for (const bad of [
    '',
    'yesterday',
    '2020-02-30 08:00:00',
    '2019-02-29 08:00:00',
    '1900-02-29 08:00:00',
    '2020-13-01 08:00:00',
    '2020-00-10 08:00:00',
    '2020-03-01 24:00:00',
    '2020-03-01 08:60:00',
    '2020-03-01 08:00:60',
    '2020-03-01 08:00:00.',
    '2020-03-01 08:00:00.1234567',
    '2020-03-01 08:00:00+02',
    '2020-3-01 08:00:00',
    '2020-03-01',
    '0000-01-01 00:00:00',
    '2020-03-01 08:00:0x',
  ]) {
    assert.equal(normalizeTimestamp(bad), null, bad);
  }
});

test('the byte check accepts exactly the timestamps that normalising leaves unchanged', () => {
  let seed = 1;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const alphabet = '0123456789 -:.TZ9';
  const samples = ['2020-03-01 08:00:00', '2020-02-29 23:59:59.123456', '2019-02-29 08:00:00', '2020-03-01T08:00:00'];
  for (let i = 0; i < 20_000; i++) {
    const chars = [...samples[random(samples.length)]!];
    for (let k = random(3); k > 0; k--) chars[random(chars.length)] = alphabet[random(alphabet.length)]!;
    if (random(4) === 0) chars.push(...'0123456'.slice(0, random(8)));
    samples.push(chars.join(''));
  }
  for (const text of samples) {
    const bytes = Buffer.from(`;${text};`);
    assert.equal(isNormalTimestamp(bytes, 1, bytes.length - 1), normalizeTimestamp(text) === text, text);
  }
});
