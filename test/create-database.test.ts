import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ConnectionError, openDatabase } from '../src/db/connect.js';
import { createDatabase, databaseName } from '../src/db/create-database.js';
import { serverUrl } from './support/backends.js';
import { targetFromText } from '../src/config/target.js';
import { parseServerUrl } from '../src/config/conninfo.js';

test('the database name comes from the URL, the field, PGDATABASE or the user, in that order', () => {
  assert.equal(databaseName({ kind: 'server', spec: { dbname: 'scoot ers' } }, {}), 'scoot ers');
  assert.equal(databaseName({ kind: 'server', spec: { user: 'ann' } }, {}), 'ann');
  assert.equal(databaseName({ kind: 'server', spec: { dbname: 'x', user: 'ann' } }, { PGDATABASE: 'y' }), 'x');
  assert.equal(databaseName({ kind: 'server', spec: { user: 'ann' } }, { PGDATABASE: 'y' }), 'y');
  assert.equal(databaseName({ kind: 'server', spec: {} }, { PGUSER: 'bob' }), 'bob');
});

test('a missing database is recognised, then created under the exact name typed', async () => {
  const name = `se_test_Create "${randomBytes(4).toString('hex')}"`;
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  const target = { kind: 'server' as const, spec: parseServerUrl(url.toString(), 'the URL') };
  const error = await openDatabase(target).then(
    () => assert.fail('the database should not exist yet'),
    (e: Error) => e,
  );
  assert.ok(error instanceof ConnectionError && error.missingDatabase);
  assert.equal(await createDatabase(target), name);
  const db = await openDatabase(target);
  try {
    const { rows } = await db.query<{ name: string }>('SELECT current_database() AS name');
    assert.equal(rows[0]!.name, name);
  } finally {
    await db.close();
    const admin = await openDatabase(targetFromText(serverUrl));
    await admin.exec(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}"`);
    await admin.close();
  }
});
