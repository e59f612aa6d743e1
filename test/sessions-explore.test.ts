import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, withFreshDatabase } from './support/backends.js';
import { createEventTables, insertEvents, randomEvents, storedEvents, timestampOf, type FixtureEvent } from './support/session-fixtures.js';
import { micros, referenceSessions, referenceUsers, type ReferenceSession } from './support/session-reference.js';
import type { Database } from '../src/db/database.js';
import { buildSessions } from '../src/sessions/build.js';
import {
  BookedStagesSplitError,
  bookedRanks,
  gapCurve,
  kneeOf,
  listUsers,
  MAX_CURVE_GAP,
  periodOfFlags,
  sessionStats,
  userSessions,
  type Period,
  type UserRow,
} from '../src/sessions/queries.js';

/** Gaps on both sides of several settings' boundaries (G minutes split at 60G - 0.5 seconds), and multi-day ones. */
function boundaryEvents(): FixtureEvent[] {
  const events: FixtureEvent[] = [];
  const seconds = [0, 59.499999, 59.5, 299.4999, 299.5, 599.5, 1799.499999, 1799.5, 3599.5, 7199.4, 7199.5, 7200.6, 86400 * 3];
  let at = Date.UTC(2020, 5, 3, 10) * 1000;
  for (const [i, s] of seconds.entries()) {
    at += Math.round(s * 1e6);
    events.push({ anonymousId: 'Edge-User', deviceId: `d${i % 2}`, createdAt: timestampOf(at), eventName: i % 3 ? 'Home Screen Viewed' : 'Ride Started - Successful' });
  }
  return events;
}

async function built(db: Database) {
  await createEventTables(db);
  await insertEvents(db, [...randomEvents(77, 25, 30), ...boundaryEvents()]);
  await buildSessions(db);
  return storedEvents(db);
}

const seedSessions = (sessions: ReferenceSession[]) => sessions.filter((s) => !s.rideAware);

function inPeriod(start: string, period: Period): boolean {
  return (period.from === null || micros(start) >= micros(period.from)) && (period.to === null || micros(start) < micros(period.to));
}

for (const backend of backends) {
  describe(`exploring by gap and period (${backend.name})`, () => {
    test('the curve counts exactly the sessions, seed flags and bookings a build at each gap makes', async () => {
      await withFreshDatabase(backend, async (db) => {
        const events = await built(db);
        const curve = await gapCurve(db);
        assert.equal(curve.points.length, MAX_CURVE_GAP);
        assert.deepEqual(curve.points.map((p) => p.gap), Array.from({ length: MAX_CURVE_GAP }, (_, i) => i + 1));
        const stored = await db.query<{ n: number; flagged: number; booked: number }>(
          "SELECT count(*) AS n, count(*) FILTER (WHERE booked) AS flagged, count(*) FILTER (WHERE outcome = 'booked') AS booked FROM sessions WHERE NOT ride_aware",
        );
        assert.equal(curve.gapMinutes, 15);
        assert.equal(curve.keys, new Set(events.map((e) => `${e.userKey}/${e.deviceKey}`)).size);
        const { n, flagged, booked } = stored.rows[0]!;
        assert.deepEqual(curve.points[14], { gap: 15, sessions: n, seedFlagSessions: flagged, bookedSessions: booked });
        for (const gap of [1, 2, 3, 5, 7, 10, 14, 16, 30, 44, 60, 119, 120]) {
          const reference = seedSessions(referenceSessions(events, gap));
          assert.deepEqual(
            curve.points[gap - 1],
            {
              gap,
              sessions: reference.length,
              seedFlagSessions: reference.filter((s) => s.booked).length,
              bookedSessions: reference.filter((s) => s.outcome === 'booked').length,
            },
            `gap ${gap}`,
          );
        }
        for (let i = 1; i < curve.points.length; i++) assert.ok(curve.points[i]!.sessions <= curve.points[i - 1]!.sessions);
      });
    });

    test('with a stage past the booked ones, the booked count is still what a build at each gap stores', async () => {
      await withFreshDatabase(backend, async (db) => {
        await built(db);
        // a session that reaches 'complained' after riding is no longer booked: the count must drop the same way
        await db.query("INSERT INTO funnel_stages (rank, name, outcome, patterns) VALUES (9, 'complained', 'looked', ARRAY['Help Center%'])");
        const curve = await gapCurve(db);
        for (const gap of [4, 15, 45]) {
          await buildSessions(db, { gapMinutes: gap });
          const { rows } = await db.query<{ n: number; flagged: number; booked: number }>(
            "SELECT count(*) AS n, count(*) FILTER (WHERE booked) AS flagged, count(*) FILTER (WHERE outcome = 'booked') AS booked FROM sessions WHERE NOT ride_aware",
          );
          const { n, flagged, booked } = rows[0]!;
          assert.deepEqual(curve.points[gap - 1], { gap, sessions: n, seedFlagSessions: flagged, bookedSessions: booked }, `gap ${gap}`);
        }
        assert.ok(curve.points.some((p) => p.seedFlagSessions > p.bookedSessions), 'the complaints leave flagged sessions unbooked');
        await db.query("UPDATE funnel_stages SET outcome = 'booked' WHERE rank = 9");
        await db.query("UPDATE funnel_stages SET outcome = 'looked' WHERE rank = 8");
        await assert.rejects(gapCurve(db), BookedStagesSplitError);
      });
    });

    test('a period counts the sessions that start in it, and is compared with the one just before', async () => {
      await withFreshDatabase(backend, async (db) => {
        const events = await built(db);
        const sessions = seedSessions(referenceSessions(events, 15));
        const period = periodOfFlags('2020-05-01 12:00', '2020-05-02 00:00');
        const previous: Period = { from: '2020-05-01 00:00:00', to: '2020-05-01 12:00:00' };
        const stats = await sessionStats(db, period);
        const inside = sessions.filter((s) => inPeriod(s.start, period));
        const before = sessions.filter((s) => inPeriod(s.start, previous));
        assert.ok(inside.length > 0 && before.length > 0 && inside.length < sessions.length);
        assert.equal(stats.sessions, inside.length);
        assert.equal(stats.events, inside.reduce((sum, s) => sum + s.events, 0));
        assert.equal(stats.users, new Set(inside.map((s) => s.userKey)).size);
        assert.equal(stats.outcomes.booked, inside.filter((s) => s.outcome === 'booked').length);
        assert.equal(stats.funnel[0]!.sessions, inside.filter((s) => s.stageRank >= 1).length);
        assert.equal(stats.sessionsPerDay.reduce((sum, d) => sum + d.sessions, 0), inside.length);
        assert.equal(stats.timestamps, null);
        assert.deepEqual(stats.previous?.period, previous);
        assert.equal(stats.previous?.sessions, before.length);
        const share = (list: ReferenceSession[]) => list.filter((s) => s.outcome === 'booked').length / list.length;
        assert.ok(Math.abs(stats.previous!.change.bookedSharePoints! - (share(inside) - share(before)) * 100) < 1e-9);
        const allTime = await sessionStats(db);
        assert.equal(allTime.sessions, sessions.length);
        assert.equal(allTime.previous, null);
      });
    });

    test("users and a user's sessions follow the period, page after page", async () => {
      await withFreshDatabase(backend, async (db) => {
        const events = await built(db);
        const period = periodOfFlags('2020-05-01 06:30', '2020-05-01 18:00');
        const sessions = referenceSessions(events, 15).filter((s) => inPeriod(s.start, period));
        const expected = referenceUsers(sessions);
        for (const ascending of [false, true]) {
          const rows: UserRow[] = [];
          let after;
          for (;;) {
            const page = await listUsers(db, { period, sort: 'sessions', ascending, limit: 4, after });
            assert.equal(page.total, expected.length);
            rows.push(...page.rows);
            if (!page.next) break;
            after = page.next;
          }
          assert.deepEqual(new Set(rows.map((r) => r.userKey)), new Set(expected.map((u) => u.userKey)));
          const bySessions = rows.map((r) => r.sessions);
          assert.deepEqual(bySessions, [...bySessions].sort((a, b) => (ascending ? a - b : b - a)));
          for (const row of rows) assert.equal(row.sessions, expected.find((u) => u.userKey === row.userKey)!.sessions);
        }
        const someone = expected[0]!;
        const own = await userSessions(db, someone.anonymousId, { period });
        assert.equal(own.length, someone.sessions);
        assert.ok(own.every((s) => inPeriod(s.start, period)));
        const none = await listUsers(db, { period: periodOfFlags('2031-01-01', null), limit: 5 });
        assert.deepEqual(none, { rows: [], total: 0, next: null });
      });
    });
  });
}

describe('periods and the knee', () => {
  test('dates, timestamps, and everything else refused with one sentence', () => {
    assert.deepEqual(periodOfFlags('2020-01-01', '2020-01-31'), { from: '2020-01-01 00:00:00', to: '2020-02-01 00:00:00' });
    assert.deepEqual(periodOfFlags('2020-02-28T23:59', '2020-02-29 00:00:01.5'), { from: '2020-02-28 23:59:00', to: '2020-02-29 00:00:01.5' });
    assert.deepEqual(periodOfFlags(undefined, '2020-12-31'), { from: null, to: '2021-01-01 00:00:00' });
    for (const bad of ['2020-02-30', '2021-02-29', '2020-13-01', '2020-01-01 24:00', '2020-01-01 10:60', 'yesterday', '2020-1-1', '']) {
      assert.throws(() => periodOfFlags(bad, undefined), (e: Error & { exitCode?: number }) => e.exitCode === 2 && /^--from must be/.test(e.message), bad);
    }
    assert.throws(() => periodOfFlags('2020-01-02', '2020-01-01'), /must come before/);
    assert.throws(() => periodOfFlags('2020-01-01 10:00', '2020-01-01 10:00'), /must come before/);
  });

  test('the knee is where the curve stops falling fast; a flat curve has none', () => {
    const curve = (f: (g: number) => number) => Array.from({ length: 120 }, (_, i) => ({ gap: i + 1, sessions: f(i + 1) }));
    assert.equal(kneeOf(curve((g) => (g <= 20 ? 1000 - 40 * g : 200))), 20);
    assert.equal(kneeOf(curve(() => 7)), null);
    assert.equal(kneeOf(curve((g) => 1000 - g)), null);
  });

  test('the booked stages bound the booked count: from the first, up to the first stage past them', () => {
    const stages = (outcomes: string) => [...outcomes].map((o, i) => ({ rank: i + 1, outcome: ({ b: 'browsed', l: 'looked', k: 'booked' } as const)[o as 'b' | 'l' | 'k'] }));
    assert.deepEqual(bookedRanks(stages('bbllkkk')), { from: 5, above: null });
    assert.deepEqual(bookedRanks(stages('blkkl')), { from: 3, above: 5 });
    assert.deepEqual(bookedRanks(stages('k')), { from: 1, above: null });
    assert.deepEqual(bookedRanks(stages('bl')), { from: null, above: null });
    assert.deepEqual(bookedRanks(stages('blkkl').reverse()), { from: 3, above: 5 }, 'in any order');
    assert.throws(() => bookedRanks(stages('kbk')), BookedStagesSplitError);
    assert.throws(() => bookedRanks(stages('kkbkb')), BookedStagesSplitError);
  });
});
