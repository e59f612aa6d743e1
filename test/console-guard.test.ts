import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../src/db/connect.js';
import type { Database } from '../src/db/database.js';
import { targetFromText } from '../src/config/target.js';
import { runQuery } from '../src/sessions/queries.js';
import { embeddedBackend, serverBackend, withFreshDatabase } from './support/backends.js';
import { tempDir } from './support/files.js';

// Where a statement that escaped would write: a folder the server's account (postgres, when we are root) can write to.
const dir = tempDir();
fs.chmodSync(dir, 0o777);

/** What a read-only statement must not do, each with the file it would leave behind if it got through. */
function attacks(largeObject: string) {
  const target = (name: string) => path.join(dir, `${name}-${randomBytes(4).toString('hex')}`);
  const program = target('program');
  const copy = target('copy');
  const exported = target('lo');
  return [
    { sql: `COPY (SELECT 1) TO PROGRAM 'touch ${program}'`, file: program },
    { sql: `COPY (SELECT 1) TO '${copy}'`, file: copy },
    { sql: `SELECT lo_export(${largeObject}, '${exported}')`, file: exported },
    { sql: "SELECT pg_read_file('PG_VERSION')", file: undefined },
    { sql: 'CREATE TABLE not_here (a int)', file: undefined },
  ];
}

/** Every attack fails with the server's reason and leaves nothing behind. */
async function assertGuarded(db: Database, largeObject: string): Promise<void> {
  for (const { sql, file } of attacks(largeObject)) {
    await assert.rejects(runQuery(db, sql), (error: Error) => {
      assert.match(error.message, /permission denied|must be superuser|read-only transaction|privileges of the/, sql);
      return true;
    });
    if (file) assert.equal(fs.existsSync(file), false, `${sql} wrote ${file}`);
  }
  const { rows } = await db.query<{ n: number }>("SELECT count(*) AS n FROM pg_class WHERE relname = 'not_here'");
  assert.equal(rows[0]!.n, 0);
}

async function largeObjectOf(db: Database): Promise<string> {
  const answer = await runQuery(db, "SELECT lo_from_bytea(0, 'kept inside') AS oid", { write: true });
  return answer.rows[0]![0]!;
}

describe('the console read-only mode holds against files and programs', () => {
  test('on the embedded database: its reader role can only read', async () => {
    await withFreshDatabase(embeddedBackend, async (db) => {
      assert.equal(db.readOnly.runsAs, 'reader');
      await assertGuarded(db, await largeObjectOf(db));
      const { rows } = await runQuery(db, 'SELECT current_user, session_user');
      assert.deepEqual(rows, [['explorer_reader', 'explorer_reader']]);
    });
  });

  test('on a server, as a superuser: SET ROLE pg_read_all_data, and read-only is said to be a guard, not a permission', async () => {
    await withFreshDatabase(serverBackend, async (db) => {
      assert.equal(db.readOnly.runsAs, 'superuser');
      await assertGuarded(db, await largeObjectOf(db));
      assert.deepEqual((await runQuery(db, 'SELECT current_user')).rows, [['pg_read_all_data']]);
    });
  });

  test('on a server, as an ordinary user allowed to read everything', async () => {
    await withFreshDatabase(serverBackend, async (db, url) => {
      const role = `se_test_reader_${randomBytes(4).toString('hex')}`;
      await db.exec(`CREATE ROLE ${role} LOGIN; GRANT pg_read_all_data TO ${role}`);
      const asUser = new URL(url);
      asUser.username = role;
      asUser.password = '';
      const plain = await openDatabase(targetFromText(asUser.toString()));
      try {
        assert.equal(plain.readOnly.runsAs, 'reader');
        await assertGuarded(plain, await largeObjectOf(db));
      } finally {
        await plain.close();
        await db.exec(`REASSIGN OWNED BY ${role} TO CURRENT_USER; DROP OWNED BY ${role}; DROP ROLE ${role}`);
      }
    });
  });
});

describe('the console', () => {
  for (const backend of [embeddedBackend, serverBackend]) {
    test(`on the ${backend.name} database: columns by position, exact numbers, and a cancel that stops the statement`, async () => {
      await withFreshDatabase(backend, async (db) => {
        const answer = await runQuery(db, 'SELECT 9007199254740993::bigint AS a, 12345678901234567890.123::numeric AS a, NULL::text AS b');
        assert.deepEqual(answer.columns, [
          { name: 'a', type: 'number' },
          { name: 'a', type: 'number' },
          { name: 'b', type: 'text' },
        ]);
        assert.deepEqual(answer.rows, [['9007199254740993', '12345678901234567890.123', null]]);

        const controller = new AbortController();
        const running = db.openStatement('SELECT pg_sleep(60)', { signal: controller.signal });
        setTimeout(() => controller.abort(), 300);
        // 57014 is query_canceled: the sleep was stopped, it did not run out
        await assert.rejects(running, { code: '57014' });
        assert.deepEqual((await runQuery(db, 'SELECT 1')).rows, [['1']], 'the connection is still good');
      });
    });
  }
});
