import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { checkDataFile, pathSuggestions } from './path-completion.js';
import { tempDir } from '../../test/support/files.js';

function folder(): string {
  const dir = tempDir('se-complete-');
  fs.mkdirSync(path.join(dir, 'data'));
  fs.writeFileSync(path.join(dir, 'data', 'events.csv'), 'anonymous_id;...\n');
  fs.writeFileSync(path.join(dir, 'data', 'empty.csv'), '');
  fs.writeFileSync(path.join(dir, 'data', 'events.txt'), '');
  fs.writeFileSync(path.join(dir, 'data', 'extra.csv.gz'), '');
  fs.writeFileSync(path.join(dir, 'data', '.hidden.csv'), '');
  return dir;
}

test('completes folders and files, data files first, hidden ones only when asked', () => {
  const cwd = folder();
  assert.deepEqual(pathSuggestions('da', cwd), ['data/']);
  assert.deepEqual(pathSuggestions('data/e', cwd), ['data/empty.csv', 'data/events.csv', 'data/extra.csv.gz', 'data/events.txt']);
  assert.deepEqual(pathSuggestions('data/.', cwd), ['data/.hidden.csv']);
  assert.deepEqual(pathSuggestions('nowhere/x', cwd), []);
});

test('a missing file, an empty one or a folder is a clear sentence', () => {
  const cwd = folder();
  assert.deepEqual(checkDataFile('data/events.csv', cwd), { file: path.join(cwd, 'data', 'events.csv') });
  assert.deepEqual(checkDataFile('data/nope.csv', cwd), { problem: `File not found: ${path.join(cwd, 'data', 'nope.csv')}.` });
  assert.deepEqual(checkDataFile('data/empty.csv', cwd), { problem: `The file ${path.join(cwd, 'data', 'empty.csv')} is empty.` });
  assert.match((checkDataFile('data', cwd) as { problem: string }).problem, /is a folder/);
});
