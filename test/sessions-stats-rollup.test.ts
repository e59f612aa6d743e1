import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, withFreshDatabase } from './support/backends.js';
import { createEventTables, insertEvents, randomEvents, shuffledParts } from './support/session-fixtures.js';
import type { Database } from '../src/db/database.js';
import { buildSessions } from '../src/sessions/build.js';
import { sessionStats } from '../src/sessions/queries.js';

const rollup = async (db: Database) => ({
  days: (
    await db.query(
      `SELECT day::text, ride_aware, breakdown, value, booked, outcome, stage_rank, sessions, events
         FROM session_day_stats ORDER BY day, ride_aware, breakdown, value COLLATE "C" NULLS FIRST, booked, outcome, stage_rank`,
    )
  ).rows,
  durations: (await db.query('SELECT ride_aware, measure, second, sessions FROM session_duration_counts ORDER BY 1, 2, 3')).rows,
});

for (const backend of backends) {
  describe(`Stats' sums by day (${backend.name})`, () => {
    test('incremental builds keep them equal to a full build\'s, and a period of whole days reads them as a cut period reads the sessions', async () => {
      await withFreshDatabase(backend, async (db) => {
        await createEventTables(db);
        const parts = shuffledParts(23, randomEvents(23, 30, 40), 4);
        await insertEvents(db, parts[0]!);
        assert.equal((await buildSessions(db)).mode, 'full');
        for (const part of parts.slice(1)) {
          await insertEvents(db, part);
          assert.equal((await buildSessions(db)).mode, 'incremental');
        }
        const incremental = await rollup(db);
        assert.ok(incremental.days.length > 50 && incremental.durations.length > 10, 'many days, combinations and seconds');
        assert.ok([...incremental.days, ...incremental.durations].every((r) => Number(r.sessions) > 0), 'no row left at zero');
        await buildSessions(db, { full: true });
        assert.deepEqual(incremental, await rollup(db));

        // the same sessions by both roads: whole days read the sums, a bound a microsecond before midnight the sessions
        const whole = { from: '2020-05-01 00:00:00', to: '2020-05-03 00:00:00' };
        const cut = { from: '2020-04-30 23:59:59.999999', to: '2020-05-02 23:59:59.999999' };
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*) AS n FROM sessions
            WHERE started_at IN ('2020-04-30 23:59:59.999999', '2020-05-02 23:59:59.999999')`,
        );
        assert.equal(rows[0]!.n, 0, 'no session starts on the microsecond the two periods differ by');
        const byDays = await sessionStats(db, whole);
        const bySessions = await sessionStats(db, cut);
        assert.ok(byDays.sessions > 100);
        const strip = (s: typeof byDays) => ({ ...s, period: null, previous: s.previous && { ...s.previous, period: null } });
        assert.deepEqual(strip(byDays), strip(bySessions));
        const allTime = await sessionStats(db);
        assert.equal(allTime.events, parts.flat().length);
        // the medians found through the counts by second are percentile_cont's, to the last bit, odd and even counts
        for (const round of [1, 2, 3]) {
          const { rows: medians } = await db.query<{ book: number; ride: number; aware: number }>(
            `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds_to_book) FILTER (WHERE NOT ride_aware) AS book,
                    percentile_cont(0.5) WITHIN GROUP (ORDER BY ride_seconds) FILTER (WHERE NOT ride_aware) AS ride,
                    percentile_cont(0.5) WITHIN GROUP (ORDER BY ride_seconds) FILTER (WHERE ride_aware) AS aware
               FROM sessions`,
          );
          const stats = await sessionStats(db);
          assert.deepEqual(
            [stats.medianSecondsToBook, stats.medianRideSeconds, stats.rideAware.medianRideSeconds],
            [medians[0]!.book, medians[0]!.ride, medians[0]!.aware],
          );
          // one more booked session changes every count's parity
          const user = `Parity-${round}`;
          await insertEvents(db, [
            { anonymousId: user, deviceId: 'p', createdAt: '2020-06-01 10:00:00', eventName: 'Application Opened' },
            { anonymousId: user, deviceId: 'p', createdAt: `2020-06-01 10:01:0${round}.5`, eventName: 'Ride Started - Successful' },
            { anonymousId: user, deviceId: 'p', createdAt: '2020-06-01 10:09:00.25', eventName: 'Ride Done - Successful' },
          ]);
          assert.equal((await buildSessions(db)).mode, 'incremental');
        }
      });
    });
  });
}
