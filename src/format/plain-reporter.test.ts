import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plainReporter } from './plain-reporter.js';

test('prints each step and throttles the status lines of a load', () => {
  const lines: string[] = [];
  let clock = 0;
  const report = plainReporter({ write: (line) => lines.push(line), intervalMs: 1000, now: () => clock });
  const progress = (read: number) => ({
    type: 'load-progress' as const,
    progress: { read, inserted: read, duplicates: 0, rejected: 0, bytesRead: read, totalBytes: 100, elapsedMs: clock },
  });

  report({ type: 'step-start', step: 'load', title: 'Load the CSV file' });
  clock = 500;
  report(progress(10));
  clock = 1200;
  report(progress(20));
  clock = 1300;
  report(progress(30));
  report({ type: 'step-done', step: 'load', elapsedMs: 1400, detail: '30 read' });
  report({ type: 'step-failed', step: 'sessions', elapsedMs: 20, error: 'boom' });

  assert.deepEqual(lines, [
    'load: Load the CSV file',
    'load: 20 rows read (20%), ETA 4.8s, 17 rows/s, 20 B of 100 B, elapsed 1.2s; committed: 20 new, 0 duplicates, 0 rejected',
    'load: done in 1.4s (30 read)',
    'sessions: failed after 20ms: boom',
  ]);
});

test('control characters in a message (a file name, a server error) reach the log escaped', () => {
  const lines: string[] = [];
  const report = plainReporter({ write: (line) => lines.push(line) });
  for (let code = 0; code < 0x20; code++) {
    report({ type: 'step-failed', step: 'load', elapsedMs: 1, error: `File x${String.fromCharCode(code)}y.csv is missing` });
  }
  report({ type: 'step-done', step: 'load', elapsedMs: 1, detail: 'title \u001b]0;owned\u0007 \u009b2J \u202e' });
  for (const line of lines) assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f\u202e]/, JSON.stringify(line));
  assert.ok(lines[0]!.includes('x^@y.csv') && lines[27]!.includes('x^[y.csv'));
});
