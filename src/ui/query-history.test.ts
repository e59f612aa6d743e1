import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readHistory, remember } from './query-history.js';
import { tempDir } from '../../test/support/files.js';

test('the history survives the run, private to the user, without a repeat of the last statement', () => {
  const file = path.join(tempDir(), 'state', 'query-history');
  assert.deepEqual(readHistory(file), []);
  let history = remember([], 'SELECT 1', file);
  history = remember(history, 'SELECT 1', file);
  history = remember(history, 'SELECT 2', file);
  assert.deepEqual(readHistory(file), ['SELECT 1', 'SELECT 2']);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
});

test('a folder that cannot be written keeps the history for this run only', () => {
  const blocked = path.join(tempDir(), 'file');
  fs.writeFileSync(blocked, '');
  assert.deepEqual(remember(['a'], 'b', path.join(blocked, 'query-history')), ['a', 'b']);
});
