import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { appendPgpass, findPgpassPassword } from './pgpass.js';
import { defaultSocketFolder, pgpassKey, pgpassPassword, resolveServer } from './resolve.js';
import { tempDir } from '../../test/support/files.js';

function tempFile(content?: string): string {
  const file = path.join(tempDir('se-pgpass-'), 'pgpass');
  if (content !== undefined) fs.writeFileSync(file, content, { mode: 0o600 });
  return file;
}

const settingsWith = (file: string, spec: Record<string, string> = {}) =>
  resolveServer({ host: 'db.example', port: '5432', dbname: 'scooters', user: 'ann', passfile: file, ...spec }, {});

test('the matching line is read as libpq reads it: wildcards, escapes, comments, short lines', async () => {
  assert.equal(await pgpassPassword(settingsWith(tempFile('db.example:*:*:ann:secret\n'))), 'secret');
  assert.equal(await pgpassPassword(settingsWith(tempFile('db.example:5432:other:ann:secret\n'))), undefined);
  assert.equal(await pgpassPassword(settingsWith(tempFile('db.example:5432:a\\:b:ann:pw\n'), { dbname: 'a:b' })), 'pw');
  assert.equal(await pgpassPassword(settingsWith(tempFile())), undefined);
  // the pgpass package skips lines under 11 characters and reads `#h` as a host
  assert.equal(await pgpassPassword(settingsWith(tempFile('h:1:d:u:pw\n'), { host: 'h', port: '1', dbname: 'd', user: 'u' })), 'pw');
  assert.equal(await pgpassPassword(settingsWith(tempFile('#db.example:5432:scooters:ann:no\n'))), undefined);
  // an escaped backslash before the separator: the user is `a\`
  const key = { host: 'h', port: '5432', database: 'd', user: 'a\\' };
  assert.equal(findPgpassPassword('h:5432:d:a\\\\:pw:with-colon-ends-here\r\n', key), 'pw');
  assert.equal(findPgpassPassword('*:*:*:*:p\\:w\n', key), 'p:w');
});

test('appends an escaped entry to a file only the owner can read, which is then read back', async () => {
  const file = tempFile('other:5432:*:bob:pw');
  const settings = resolveServer({ host: 'db.example', port: '5432', dbname: 'scooters', user: 'a:n', passfile: file }, {});
  appendPgpass(file, pgpassKey(settings), 'p\\w:d');
  assert.equal(fs.readFileSync(file, 'utf8'), 'other:5432:*:bob:pw\ndb.example:5432:scooters:a\\:n:p\\\\w\\:d\n');
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.equal(await pgpassPassword(settings), 'p\\w:d');
});

test('a socket folder is `localhost` only when it is the default one, as in libpq', () => {
  const key = (spec: Record<string, string>) => pgpassKey(resolveServer({ port: '5432', dbname: 'd', user: 'u', ...spec }, {})).host;
  assert.equal(key({}), 'localhost');
  assert.equal(key({ host: defaultSocketFolder() }), 'localhost');
  assert.equal(key({ host: '/tmp/x y' }), '/tmp/x y');
  assert.equal(key({ host: `${defaultSocketFolder()}/` }), `${defaultSocketFolder()}/`, 'compared as text, as libpq does');
  assert.equal(key({ hostaddr: '127.0.0.1' }), '127.0.0.1');
  assert.equal(key({ host: 'db', hostaddr: '127.0.0.1' }), 'db');
});
