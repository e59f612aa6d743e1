import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { exportRows, parseExportFormat } from './export.js';
import { tempDir } from '../../test/support/files.js';

const rows = [
  { userKey: 'a', sessions: 2, note: 'x, "y"' },
  { userKey: 'b', sessions: 1, note: null },
];

test('writes CSV and JSON with the rows own field names, and says where', () => {
  const dir = tempDir('se-export-');
  const when = new Date('2024-05-06T07:08:09.123Z');
  const csv = exportRows(rows, 'users', 'csv', dir, when);
  assert.equal(csv, path.join(dir, 'session-explorer-users-20240506-070809.csv'));
  assert.equal(fs.readFileSync(csv, 'utf8'), 'userKey,sessions,note\na,2,"x, ""y"""\nb,1,\n');
  const json = exportRows(rows, 'users', 'json', dir, when);
  assert.deepEqual(JSON.parse(fs.readFileSync(json, 'utf8')), rows);
});

test('the format is csv by default and anything unknown is refused', () => {
  assert.equal(parseExportFormat(''), 'csv');
  assert.equal(parseExportFormat(' J '), 'json');
  assert.throws(() => parseExportFormat('xml'), /Unknown export format "xml"; type csv or json\./);
});
