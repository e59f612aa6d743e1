import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { LoadSummaryView } from './load-summary.js';

const summary = { runId: 1, file: 'x.csv', read: 10, inserted: 7, duplicates: 2, rejected: 1, elapsedMs: 1200, resumedRunId: null };

test('adds up the counts and says where the rejects went', () => {
  const { lastFrame } = render(<LoadSummaryView summary={{ ...summary, rejectsFile: 'logs/rejects/x.csv' }} width={100} />);
  assert.deepEqual(lastFrame()?.split('\n'), [
    'Read 10 rows = 7 new + 2 duplicates + 1 rejected in 1.2s',
    'Rejected rows (line, reason, text): logs/rejects/x.csv',
  ]);
});

test('says when nothing was rejected', () => {
  const { lastFrame } = render(<LoadSummaryView summary={{ ...summary, rejected: 0, duplicates: 3, rejectsFile: null }} width={100} />);
  assert.match(lastFrame() ?? '', /No rejected rows\./);
});

test('a rejects file that could not be written is said, never "no rejected rows"', () => {
  const warning = 'Could not write the rejects file in logs/rejects (the disk is full); the rejects are kept in the database: session-explorer rejects --run 1.';
  const { lastFrame } = render(<LoadSummaryView summary={{ ...summary, rejectsFile: null, warning }} width={100} />);
  assert.match(lastFrame()?.split('\n')[1] ?? '', /^Could not write the rejects file in logs\/rejects \(the disk is full\)/);
  assert.doesNotMatch(lastFrame() ?? '', /No rejected rows/);
});
