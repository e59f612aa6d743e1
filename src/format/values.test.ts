import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimatedRemainingMs, formatBytes, formatDuration, formatGap, formatTimestamp, progressLine } from './values.js';

test('bytes and durations read at a glance', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(3 * 1024 * 1024), '3.0 MB');
  assert.equal(formatDuration(850), '850ms');
  assert.equal(formatDuration(0), '0s', 'a single-event session lasts no time, not "0ms"');
  assert.equal(formatDuration(4200), '4.2s');
  assert.equal(formatDuration(187_000), '3m07s');
  assert.equal(formatDuration(3_720_000), '1h02m');
});

test('the ETA follows the byte rate and is unknown before any byte', () => {
  const base = { read: 0, inserted: 0, duplicates: 0, rejected: 0, totalBytes: 1000 };
  assert.equal(estimatedRemainingMs({ ...base, bytesRead: 0, elapsedMs: 0 }), undefined);
  assert.equal(estimatedRemainingMs({ ...base, bytesRead: 250, elapsedMs: 1000 }), 3000);
  assert.equal(
    progressLine({ ...base, read: 5000, bytesRead: 250, elapsedMs: 1000 }),
    '5,000 rows read (25%), ETA 3.0s, 5,000 rows/s, 250 B of 1000 B, elapsed 1.0s',
  );
});

test('after a resume, the rate and the ETA count only what this run loads, not the fast skip', () => {
  // 600 of 1000 bytes (60,000 rows) were skipped in 0.5 s; then 100 bytes (10,000 rows) loaded in 2 s
  const resumed = {
    read: 70_000,
    inserted: 10_000,
    duplicates: 0,
    rejected: 0,
    totalBytes: 1000,
    bytesRead: 700,
    elapsedMs: 2500,
    resumedAt: { read: 60_000, bytesRead: 600, elapsedMs: 500 },
  };
  assert.equal(estimatedRemainingMs(resumed), 6000, '300 bytes left at 100 bytes per 2 s');
  assert.match(progressLine(resumed), /ETA 6\.0s, 5,000 rows\/s, 700 B of 1000 B, elapsed 2\.5s$/);
  assert.equal(
    progressLine({ ...resumed, read: 60_000, bytesRead: 12, elapsedMs: 100, resumedAt: undefined, skippingCommitted: true }),
    'passing the 60,000 rows loaded before: 12 B of 1000 B (1.2%)',
    'while it reads past what it loaded before, no rate mixes the committed rows with the bytes read',
  );
});

test('gaps stay short at any size', () => {
  assert.equal(formatGap(0), '+0m');
  assert.equal(formatGap(59), '+59m');
  assert.equal(formatGap(929), '+15h29m');
  assert.equal(formatGap(22980), '+15d');
});

test('timestamps keep all three digits of their fraction, so a column of them lines up', () => {
  assert.equal(formatTimestamp('2020-01-28 09:53:32.64'), '2020-01-28 09:53:32.640');
  assert.equal(formatTimestamp('2020-01-28 09:26:12.9'), '2020-01-28 09:26:12.900');
  assert.equal(formatTimestamp('2020-01-28 09:26:12.901'), '2020-01-28 09:26:12.901');
  assert.equal(formatTimestamp('2020-01-28 09:26:12'), '2020-01-28 09:26:12');
});
