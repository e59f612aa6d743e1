import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeDefault, emptyFields, fieldsFromUrl, portProblem, serverProfile, targetFromFields } from './server-settings.js';

const noPgpass = { PGPASSFILE: path.join(os.tmpdir(), 'se-no-such-pgpass') };

test('empty fields say what they stand for and where that comes from', () => {
  const env = { ...noPgpass, PGHOST: 'db1', PGUSER: 'ann' };
  assert.equal(describeDefault('host', emptyFields, env), 'empty for db1, from PGHOST');
  assert.equal(describeDefault('port', emptyFields, env), 'empty for 5432, the default');
  assert.equal(describeDefault('database', emptyFields, env), 'empty for ann, the user name');
  assert.equal(describeDefault('database', { ...emptyFields, user: 'bob' }, env), 'empty for bob, the user name');
  assert.equal(describeDefault('password', emptyFields, env), 'empty for no password');
  assert.equal(describeDefault('password', emptyFields, { ...env, PGPASSWORD: 'x' }), 'empty to use the one from PGPASSWORD');
});

test('a matching ~/.pgpass line is named as the password source', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'se-pgpass-')), 'pgpass');
  fs.writeFileSync(file, 'db1:5432:*:ann:pw\n', { mode: 0o600 });
  assert.equal(describeDefault('password', emptyFields, { PGPASSFILE: file, PGHOST: 'db1', PGUSER: 'ann' }), 'empty to use the one from ~/.pgpass');
});

test('only typed fields reach the target, and the profile drops the password', () => {
  const target = targetFromFields({ host: ' h ', port: '6543', database: '', user: 'ann', password: ' p w ' });
  assert.deepEqual(target, { kind: 'server', host: 'h', port: 6543, database: undefined, user: 'ann', password: ' p w ' });
  assert.deepEqual(serverProfile({ ...target, ssl: true }), { kind: 'server', host: 'h', port: 6543, database: undefined, user: 'ann', ssl: true });
});

test('a URL is split into fields, decoded, with its ssl mode', () => {
  assert.deepEqual(fieldsFromUrl('postgresql://ann:p%40ss@db.example:6543/scoot%20ers?sslmode=require'), {
    host: 'db.example',
    port: '6543',
    database: 'scoot ers',
    user: 'ann',
    password: 'p@ss',
    ssl: true,
  });
});

test('ports are checked', () => {
  assert.equal(portProblem(''), undefined);
  assert.equal(portProblem('5432'), undefined);
  assert.equal(portProblem('99999'), '"99999" is not a port number (1-65535).');
  assert.equal(portProblem('abc'), '"abc" is not a port number (1-65535).');
});
