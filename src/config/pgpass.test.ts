import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appendPgpass, pgpassHasEntry } from './pgpass.js';

function tempEnv(content?: string): NodeJS.ProcessEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'se-pgpass-'));
  const file = path.join(dir, 'pgpass');
  if (content !== undefined) fs.writeFileSync(file, content, { mode: 0o600 });
  return { PGPASSFILE: file };
}

const key = { host: 'db.example', port: '5432', database: 'scooters', user: 'ann' };

test('finds a matching line, with wildcards and escaped colons, and ignores comments', () => {
  assert.equal(pgpassHasEntry(key, tempEnv('# db.example:5432:scooters:ann:x\n')), false);
  assert.equal(pgpassHasEntry(key, tempEnv('db.example:*:*:ann:secret\n')), true);
  assert.equal(pgpassHasEntry(key, tempEnv('db.example:5432:other:ann:secret\n')), false);
  assert.equal(pgpassHasEntry({ ...key, database: 'a:b' }, tempEnv('db.example:5432:a\\:b:ann:pw\n')), true);
  assert.equal(pgpassHasEntry(key, tempEnv()), false);
});

test('appends an escaped entry to a file only the owner can read', () => {
  const env = tempEnv('other:5432:*:bob:pw');
  const file = appendPgpass({ ...key, user: 'a:n' }, 'p\\w:d', env);
  assert.equal(fs.readFileSync(file, 'utf8'), 'other:5432:*:bob:pw\ndb.example:5432:scooters:a\\:n:p\\\\w\\:d\n');
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.equal(pgpassHasEntry({ ...key, user: 'a:n' }, env), true);
});
