import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, withFreshDatabase } from './support/backends.js';
import { createEventTables, insertEvents, randomEvents, storedEvents, storedSessions, storedUsers } from './support/session-fixtures.js';
import { referenceSessions, referenceUsers } from './support/session-reference.js';
import { tempDir } from './support/files.js';
import { TINY_LOG_ROWS, writeTinyLog } from './support/tiny-log.js';
import type { Database } from '../src/db/database.js';
import { KEY_PARTITIONS, keyParts, readLayout, sharedStep } from '../src/db/layout.js';
import { sqlFile } from '../src/db/sql-files.js';
import { runPipeline } from '../src/etl/pipeline.js';
import { buildSessions } from '../src/sessions/build.js';
import { RIDE_HOLD_MINUTES, writeSetting } from '../src/sessions/settings.js';
import { sqlTemplate } from '../src/sessions/sql-template.js';

const dir = tempDir();

async function partitionsHolding(db: Database, table: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(DISTINCT tableoid)::integer AS n FROM ${table}`);
  return rows[0]!.n;
}

async function relationKind(db: Database, name: string): Promise<string | undefined> {
  const { rows } = await db.query<{ kind: string }>('SELECT relkind::text AS kind FROM pg_class WHERE oid = to_regclass($1)', [name]);
  return rows[0]?.kind;
}

/**
 * What the previous version made: every table in one piece, the identity and session key indexes, sessions of
 * schema version 5 built in one pass over the whole table.
 */
async function previousVersionDatabase(db: Database, events: Parameters<typeof insertEvents>[1]): Promise<void> {
  await db.exec(sqlFile('schema.sql'));
  await insertEvents(db, events);
  await db.query(sqlTemplate('load_identity_index.sql', { events: 'mobile_events' }));
  await db.query(sqlTemplate('post_load_index.sql', { events: 'mobile_events' }));
  await db.exec(sqlFile('sessions_schema.sql'));
  const shared = sharedStep(await readLayout(db));
  await db.transaction(async (tx) => {
    await tx.exec(sqlFile('sessions_take_all_keys.sql'));
    await tx.query(sqlTemplate('sessions_build.sql', { events: 'mobile_events', shared }), [15, RIDE_HOLD_MINUTES]);
    await tx.query(sqlTemplate('sessions_users.sql', { sessions: 'sessions' }));
    await tx.query('DELETE FROM session_dirty_keys');
    await writeSetting(tx, 'gap_minutes', '15');
    await writeSetting(tx, 'sessions_schema_version', '5');
  });
}

for (const backend of backends) {
  describe(`tables by user key on the ${backend.name} backend`, () => {
    test('a full build split over partitions and connections gives what one pass over the whole table gives', async () => {
      await withFreshDatabase(backend, async (db) => {
        await createEventTables(db);
        const events = randomEvents(23, 60, 25);
        await insertEvents(db, events.slice(0, 700));
        await insertEvents(db, events.slice(700));
        const parts = await keyParts(db);
        const built = await buildSessions(db, { full: true });
        assert.equal(built.mode, 'full');
        if (backend.name === 'citus') assert.deepEqual(parts, [], 'the shards split the work; the app sees one table');
        else {
          assert.equal(parts.length, KEY_PARTITIONS);
          assert.ok((await partitionsHolding(db, 'sessions')) > 1, 'the sessions are spread over the partitions');
        }
        const split = { sessions: await storedSessions(db), users: await storedUsers(db) };

        // every key marked dirty: an incremental build redoes them all in one statement over the whole tables
        await db.query('INSERT INTO session_dirty_keys SELECT DISTINCT user_key, device_key FROM mobile_events');
        const again = await buildSessions(db);
        assert.equal(again.mode, 'incremental');
        assert.equal(again.keys, built.keys);
        assert.equal(again.sessions, built.sessions);
        assert.equal(again.rideAwareSessions, built.rideAwareSessions);
        assert.deepEqual(await storedSessions(db), split.sessions);
        assert.deepEqual(await storedUsers(db), split.users);
        assert.ok(split.sessions.length > 100);
      });
    });

    if (backend.name === 'citus') return;

    test("a database of the previous version's layout is moved into partitions on the next load, with one line saying so", async () => {
      await withFreshDatabase(backend, async (db) => {
        const events = randomEvents(29, 30, 20);
        await previousVersionDatabase(db, events);
        assert.equal(await relationKind(db, 'mobile_events'), 'r');
        const before = await storedEvents(db);
        const onePass = await storedSessions(db);

        const warnings: string[] = [];
        const result = await runPipeline(db, { file: writeTinyLog(dir), onWarning: (message) => warnings.push(message) });
        assert.deepEqual(warnings, [
          `Moved ${before.length.toLocaleString('en-US')} rows of mobile_events, made by an earlier version, into ${KEY_PARTITIONS} partitions by user key.`,
        ]);
        assert.equal(result.load.read, TINY_LOG_ROWS);

        for (const table of ['mobile_events', 'session_dirty_keys', 'sessions', 'session_users']) {
          assert.equal(await relationKind(db, table), 'p', `${table} is partitioned`);
        }
        // the indexes and the views came along
        for (const name of ['mobile_events_identity', 'mobile_events_session_key']) assert.equal(await relationKind(db, name), 'I', name);
        for (const name of ['session_events', 'dirty_key_events']) assert.equal(await relationKind(db, name), 'v', name);

        // every event kept, the new ones added, and the sessions rebuilt from all of them
        const after = await storedEvents(db);
        assert.equal(after.length, before.length + result.load.inserted);
        const expected = referenceSessions(after, 15);
        assert.deepEqual(await storedSessions(db), expected);
        assert.deepEqual(await storedUsers(db), referenceUsers(expected));
        // the keys of the previous version's events have the sessions its one-pass build gave them
        const identity = (e: (typeof before)[number]) => JSON.stringify([e.userKey, e.deviceKey, e.createdAt, e.eventName]);
        const kept = new Set(before.map(identity));
        const oldKeys = new Set(before.map((e) => e.userKey));
        const newKeys = new Set(after.filter((e) => !kept.has(identity(e))).map((e) => e.userKey));
        const untouched = (rows: typeof onePass) => rows.filter((s) => oldKeys.has(String(s.userKey)) && !newKeys.has(String(s.userKey)));
        assert.ok(untouched(onePass).length > 0);
        assert.deepEqual(untouched(await storedSessions(db)), untouched(onePass));

        // the next load finds the layout in place and says nothing
        const quiet: string[] = [];
        await runPipeline(db, { file: writeTinyLog(dir), onWarning: (message) => quiet.push(message) });
        assert.deepEqual(quiet, []);
      });
    });
  });
}
