import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, withFreshDatabase } from './support/backends.js';
import {
  createEventTables,
  insertEvents,
  randomEvents,
  shuffledParts,
  storedEvents,
  storedSessions,
  storedUsers,
  type FixtureEvent,
} from './support/session-fixtures.js';
import { referenceSessions, referenceUsers } from './support/session-reference.js';
import type { Database } from '../src/db/database.js';
import { buildSessions } from '../src/sessions/build.js';
import { loadFile } from '../src/etl/load.js';
import { eventLogChunks } from '../src/generate/index.js';
import { tempDir, writeFile } from './support/files.js';

const dir = tempDir();

/** A generated log cut in two interleaved halves sharing a third of their rows: two overlapping loads. */
function generatedLoads(rows: number, seed: number): [string, string] {
  const [header, ...lines] = [...eventLogChunks({ rows, seed })].join('').trimEnd().split('\n');
  const first = lines.filter((_, i) => i % 3 !== 2);
  const second = lines.filter((_, i) => i % 3 !== 0);
  return [[header, ...first].join('\n') + '\n', [header, ...second].join('\n') + '\n'];
}

/** The SQL build must agree with the plain re-implementation on every session, user and field. */
async function assertMatchesReference(db: Database, gap: number): Promise<void> {
  const expected = referenceSessions(await storedEvents(db), gap);
  assert.deepEqual(await storedSessions(db), expected);
  assert.deepEqual(await storedUsers(db), referenceUsers(expected));
}

async function dirtyKeys(db: Database): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*) AS n FROM session_dirty_keys')).rows[0]!.n;
}

const at = (time: string) => `2020-05-01 ${time}`;
const event = (time: string, eventName: string, anonymousId = 'Boundary-User', deviceId: string | null = 'D1'): FixtureEvent => ({
  anonymousId,
  deviceId,
  createdAt: at(time),
  eventName,
});

for (const backend of backends) {
  describe(`sessions build on the ${backend.name} backend`, () => {
    test('pins the 15-minute boundary (14:59.4 stays, 14:59.5 and 14:59.6 split) and never splits ties', async () => {
      await withFreshDatabase(backend, async (db) => {
        await createEventTables(db);
        await insertEvents(db, [
          event('10:00:00', 'Application Opened'),
          event('10:14:59.4', 'Home Screen Viewed'), //   899.4 s -> 899 -> 14 min: same session
          event('10:29:59', 'Scooter Selected - User'), // 899.6 s -> 900 -> 15 min: new session
          event('10:44:58.5', 'Qr Scanner - Opened'), //  899.5 s -> 900 (half away from zero): new session
          event('10:59:57.999', 'Payment Dialog - Shown'), // 899.499 s -> 899: same session
          event('11:19:57.999', 'Ride Started - Successful'), // 20 min: new session, and a tie:
          event('11:19:57.999', 'Application Opened'),
          event('11:19:58', 'Ride Done - Successful'),
        ]);
        const summary = await buildSessions(db);
        assert.equal(summary.mode, 'full');
        assert.equal(summary.gapMinutes, 15);
        const seed = (await storedSessions(db)).filter((s) => !s.rideAware);
        assert.deepEqual(
          seed.map((s) => [s.index, s.start, s.end, s.events, s.outcome, s.booked]),
          [
            [0, at('10:00:00'), at('10:14:59.4'), 2, 'browsed', false],
            [1, at('10:29:59'), at('10:29:59'), 1, 'looked', false],
            [2, at('10:44:58.5'), at('10:59:57.999'), 2, 'looked', false],
            [3, at('11:19:57.999'), at('11:19:58'), 3, 'booked', true],
          ],
        );
        // the tie at 11:19:57.999: Application Opened and the ride start are one instant, 0 s to book
        assert.deepEqual([seed[3]!.secondsToBook, seed[3]!.rideSeconds], [0, 0.001]);
        await assertMatchesReference(db, 15);
      });
    });

    test('ride-aware sessions hold a ride together for at most three hours; the seed flag differs from the outcome', async () => {
      await withFreshDatabase(backend, async (db) => {
        await createEventTables(db);
        await insertEvents(db, [
          event('08:00:00', 'Application Opened'),
          event('08:01:00', 'Ride Started - Successful'),
          event('08:41:00', 'Ride Done - Successful'), // a 40-minute ride: the seed splits it, ride-aware does not
          event('08:42:00', 'Rating Screen - Shown'),
          event('12:00:00', 'Ride Started - Successful'), // a ride that never ends...
          event('14:30:00', 'Help Center - Opened'), //       ...holds the session 2.5 hours later
          event('15:30:00', 'Help Center - Opened'), //       ...but not 3.5 hours later
          event('15:40:00', 'Ride Started - Failed'), //      seed-booked, yet no ride started
          event('17:00:00', 'Ride Started - Successful'),
          event('20:00:00', 'Ride Done - Successful'), //     exactly three hours: the hold has run out
        ]);
        await buildSessions(db);
        const sessions = await storedSessions(db);
        const shape = (rideAware: boolean) =>
          sessions.filter((s) => s.rideAware === rideAware).map((s) => [s.start, s.end, s.booked, s.outcome, s.rideSeconds]);
        assert.deepEqual(shape(false), [
          [at('08:00:00'), at('08:01:00'), true, 'booked', null],
          [at('08:41:00'), at('08:42:00'), true, 'booked', null],
          [at('12:00:00'), at('12:00:00'), true, 'booked', null],
          [at('14:30:00'), at('14:30:00'), false, 'browsed', null],
          [at('15:30:00'), at('15:40:00'), true, 'browsed', null],
          [at('17:00:00'), at('17:00:00'), true, 'booked', null],
          [at('20:00:00'), at('20:00:00'), true, 'booked', null],
        ]);
        assert.deepEqual(shape(true), [
          [at('08:00:00'), at('08:42:00'), true, 'booked', 2400],
          [at('12:00:00'), at('14:30:00'), true, 'booked', null],
          [at('15:30:00'), at('15:40:00'), true, 'browsed', null],
          [at('17:00:00'), at('17:00:00'), true, 'booked', null],
          [at('20:00:00'), at('20:00:00'), true, 'booked', null],
        ]);
        await assertMatchesReference(db, 15);
      });
    });

    test('matches the reference on random hostile logs, and incremental loads equal a full rebuild', async () => {
      await withFreshDatabase(backend, async (db) => {
        await createEventTables(db);
        // three loads of one log, in random slices: later rows land before, between and after built sessions,
        // bridge two sessions into one, and bring new keys
        const parts = shuffledParts(7, randomEvents(7, 25, 40), 3);
        await insertEvents(db, parts[0]!);
        assert.equal((await buildSessions(db)).mode, 'full');
        await assertMatchesReference(db, 15);
        for (const part of parts.slice(1)) {
          await insertEvents(db, part);
          const summary = await buildSessions(db);
          assert.equal(summary.mode, 'incremental');
          assert.ok(summary.keys > 0 && summary.keys <= (await storedEvents(db)).length);
          assert.equal(await dirtyKeys(db), 0);
          await assertMatchesReference(db, 15);
        }
        const incremental = { sessions: await storedSessions(db), users: await storedUsers(db) };
        assert.equal((await buildSessions(db, { full: true })).mode, 'full');
        assert.deepEqual({ sessions: await storedSessions(db), users: await storedUsers(db) }, incremental);
      });
    });

    test('matches the reference on a generated log, loaded by the loader in two overlapping loads', async () => {
      await withFreshDatabase(backend, async (db) => {
        await createEventTables(db);
        const [first, second] = generatedLoads(3000, 42);
        await loadFile(db, writeFile(dir, `first-${backend.name}.csv`, first), { rejectsDir: dir });
        assert.equal((await buildSessions(db)).mode, 'full');
        await assertMatchesReference(db, 15);
        await loadFile(db, writeFile(dir, `second-${backend.name}.csv`, second), { rejectsDir: dir });
        assert.equal((await buildSessions(db)).mode, 'incremental');
        await assertMatchesReference(db, 15);
      });
    });

    test('a build with nothing dirty changes nothing, and a new gap rebuilds everything and is kept', async () => {
      await withFreshDatabase(backend, async (db) => {
        await createEventTables(db);
        await insertEvents(db, randomEvents(11, 10, 30));
        await buildSessions(db);
        const before = await storedSessions(db);
        assert.deepEqual((await buildSessions(db)).keys, 0);
        assert.deepEqual(await storedSessions(db), before);

        const summary = await buildSessions(db, { gapMinutes: 30 });
        assert.deepEqual([summary.mode, summary.gapMinutes], ['full', 30]);
        await assertMatchesReference(db, 30);
        await insertEvents(db, randomEvents(12, 3, 30));
        const next = await buildSessions(db);
        assert.deepEqual([next.mode, next.gapMinutes], ['incremental', 30]);
        await assertMatchesReference(db, 30);
      });
    });

    test('a failed build leaves its keys dirty and the old sessions in place; the next build catches up', async () => {
      await withFreshDatabase(backend, async (db) => {
        await createEventTables(db);
        await insertEvents(db, randomEvents(5, 4, 20));
        await buildSessions(db);
        const before = await storedSessions(db);
        await insertEvents(db, randomEvents(6, 2, 20));
        const dirty = await dirtyKeys(db);
        // a constraint no session can meet makes the build's insert fail midway through its transaction
        await db.exec('ALTER TABLE sessions ADD CONSTRAINT fail_the_build CHECK (event_count < 0) NOT VALID');
        await assert.rejects(buildSessions(db), /fail_the_build/);
        assert.equal(await dirtyKeys(db), dirty);
        assert.deepEqual(await storedSessions(db), before);
        await db.exec('ALTER TABLE sessions DROP CONSTRAINT fail_the_build');
        assert.equal((await buildSessions(db)).mode, 'incremental');
        await assertMatchesReference(db, 15);
      });
    });
  });
}
