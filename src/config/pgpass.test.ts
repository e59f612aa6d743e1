import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { appendPgpass } from './pgpass.js';
import { pgpassPassword, resolveServer } from './resolve.js';
import { tempDir } from '../../test/support/files.js';

function tempEnv(content?: string): NodeJS.ProcessEnv {
  const dir = tempDir('se-pgpass-');
  const file = path.join(dir, 'pgpass');
  if (content !== undefined) fs.writeFileSync(file, content, { mode: 0o600 });
  return { PGPASSFILE: file };
}

const settings = resolveServer({ host: 'db.example', port: 5432, database: 'scooters', user: 'ann' }, {});

test('the pgpass package reads the matching line, with wildcards and escaped colons', async () => {
  assert.equal(await pgpassPassword(settings, tempEnv('db.example:*:*:ann:secret\n')), 'secret');
  assert.equal(await pgpassPassword(settings, tempEnv('db.example:5432:other:ann:secret\n')), undefined);
  const colon = resolveServer({ host: 'db.example', port: 5432, database: 'a:b', user: 'ann' }, {});
  assert.equal(await pgpassPassword(colon, tempEnv('db.example:5432:a\\:b:ann:pw\n')), 'pw');
  assert.equal(await pgpassPassword(settings, tempEnv()), undefined);
});

test('appends an escaped entry to a file only the owner can read, which is then read back', async () => {
  const env = tempEnv('other:5432:*:bob:pw');
  const key = { host: 'db.example', port: '5432', database: 'scooters', user: 'a:n' };
  const file = appendPgpass(key, 'p\\w:d', env);
  assert.equal(fs.readFileSync(file, 'utf8'), 'other:5432:*:bob:pw\ndb.example:5432:scooters:a\\:n:p\\\\w\\:d\n');
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  const settingsOfKey = resolveServer({ host: 'db.example', port: 5432, database: 'scooters', user: 'a:n' }, {});
  assert.equal(await pgpassPassword(settingsOfKey, env), 'p\\w:d');
});
