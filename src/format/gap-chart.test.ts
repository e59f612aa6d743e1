import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gapChartLines } from './gap-chart.js';

test('the axis starts at zero: a curve from 1,000 to 900 sessions fills nine tenths of the height at its end', () => {
  const points = Array.from({ length: 10 }, (_, i) => ({ gap: i + 1, sessions: 1000 - i * 11, seedFlagSessions: 0, bookedSessions: 0 }));
  const lines = gapChartLines({ keys: 100, gapMinutes: 5, points, knee: null }, 40, 13, '#');
  const bars = lines.filter((line) => / \|/.test(line));
  assert.match(bars[0]!, /^1,000 \|/);
  assert.match(bars.at(-1)!, /^ {4}0 \|#{10}$/);
  // 901 of 1,000: the last column reaches up 9 rows of 10, not down to the bottom row as on an axis from its minimum
  const lastColumnRows = bars.filter((line) => line.endsWith('#')).length;
  assert.equal(lastColumnRows, 9);
});
