import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, withFreshDatabase } from './support/backends.js';
import { createEventTables, insertEvents, randomEvents, storedEvents } from './support/session-fixtures.js';
import {
  micros,
  referenceEventRows,
  referenceSessions,
  referenceUsers,
  type ReferenceSession,
  type ReferenceUser,
} from './support/session-reference.js';
import type { Database } from '../src/db/database.js';
import { buildSessions } from '../src/sessions/build.js';
import {
  listUsers,
  requireSessions,
  runQuery,
  sessionEvents,
  sessionStats,
  UnknownUserError,
  USER_SORTS,
  userSessions,
  type UserCursor,
  type UserListOptions,
  type UserRow,
  type UserSort,
} from '../src/sessions/queries.js';

const GAP = 15;

async function builtDatabase(db: Database) {
  await createEventTables(db);
  await insertEvents(db, randomEvents(21, 30, 25));
  await buildSessions(db);
  const events = await storedEvents(db);
  const sessions = referenceSessions(events, GAP);
  return { events, sessions, users: referenceUsers(sessions) };
}

async function allPages(db: Database, options: Omit<UserListOptions, 'after'>): Promise<{ rows: UserRow[]; totals: number[] }> {
  const rows: UserRow[] = [];
  const totals: number[] = [];
  let after: UserCursor | undefined;
  for (;;) {
    const page = await listUsers(db, { ...options, after });
    rows.push(...page.rows);
    totals.push(page.total);
    if (!page.next) return { rows, totals };
    after = page.next;
  }
}

const SORT_VALUE: Record<UserSort, (u: ReferenceUser) => number | string> = {
  sessions: (u) => u.sessions,
  bookings: (u) => u.bookingSessions,
  last_seen: (u) => micros(u.lastSeen),
  anonymous_id: (u) => u.userKey,
  devices: (u) => u.devices,
  looked: (u) => u.lookedSessions,
  browsed: (u) => u.browsedSessions,
  seed_flag: (u) => u.seedFlagSessions,
  first_seen: (u) => micros(u.firstSeen),
};

const compare = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);

function expectedOrder(users: readonly ReferenceUser[], sort: UserSort, ascending = false): ReferenceUser[] {
  const value = SORT_VALUE[sort];
  const order = [...users].sort((a, b) => compare(value(a), value(b)) || compare(a.userKey, b.userKey));
  return ascending ? order : order.reverse();
}

/** The lookup's row for a reference session: the same fields, under the names the JSON output uses. */
function sessionRow(s: ReferenceSession) {
  return {
    device: s.device,
    index: s.index,
    start: s.start,
    end: s.end,
    durationSeconds: (micros(s.end) - micros(s.start)) / 1e6,
    events: s.events,
    booked: s.booked,
    outcome: s.outcome,
    stage: s.stage,
    stageRank: s.stageRank,
    decidingEvent: s.decidingEvent,
    decidedAt: s.decidedAt,
    dropOff: s.dropOff,
    secondsToBook: s.secondsToBook,
    rideSeconds: s.rideSeconds,
    city: s.city,
    os: s.os,
    appVersion: s.appVersion,
  };
}

for (const backend of backends) {
  describe(`session lookups on the ${backend.name} backend`, () => {
    test('users page by keyset through every sort, search and outcome, with the right totals', async () => {
      await withFreshDatabase(backend, async (db) => {
        const { users } = await builtDatabase(db);
        for (const sort of USER_SORTS) {
          for (const ascending of [false, true]) {
            const { rows, totals } = await allPages(db, { sort, ascending, limit: 7 });
            assert.deepEqual(rows, expectedOrder(users, sort, ascending), `${sort} ${ascending ? 'ascending' : 'descending'}`);
            assert.ok(totals.every((t) => t === users.length));
          }
        }
        // any letter case of a prefix finds the users; LIKE wildcards in it are plain characters
        const prefix = users[0]!.userKey.slice(0, 9);
        const matching = users.filter((u) => u.userKey.startsWith(prefix));
        assert.deepEqual((await allPages(db, { search: prefix.toUpperCase(), limit: 4 })).rows, expectedOrder(matching, 'sessions'));
        assert.equal((await listUsers(db, { search: 'user-%', limit: 5 })).total, 0);
        const lookers = users.filter((u) => u.lookedSessions > 0);
        const page = await listUsers(db, { outcome: 'looked', sort: 'last_seen', limit: 1000 });
        assert.deepEqual([page.rows, page.total, page.next], [expectedOrder(lookers, 'last_seen'), lookers.length, null]);
      });
    });

    test("a user's sessions under both definitions, found in any letter case; an unknown id is an error", async () => {
      await withFreshDatabase(backend, async (db) => {
        const { sessions, users } = await builtDatabase(db);
        for (const user of users.slice(0, 5)) {
          for (const rideAware of [false, true]) {
            const expected = sessions.filter((s) => s.userKey === user.userKey && s.rideAware === rideAware).map(sessionRow);
            assert.deepEqual(await userSessions(db, user.anonymousId.toUpperCase(), { rideAware }), expected);
          }
        }
        await assert.rejects(userSessions(db, 'no-such-user'), UnknownUserError);
      });
    });

    test("a user's events: gap before each, sessions in order, the deciding event marked, filters by session and device", async () => {
      await withFreshDatabase(backend, async (db) => {
        const { events, sessions, users } = await builtDatabase(db);
        const rows = referenceEventRows(events, GAP);
        for (const user of users.slice(0, 6)) {
          const own = rows
            .filter((r) => r.event.userKey === user.userKey)
            .sort((a, b) => (a.event.deviceKey < b.event.deviceKey ? -1 : a.event.deviceKey > b.event.deviceKey ? 1 : 0));
          const marked = new Set<string>();
          const expected = own.map((r, i) => {
            const session = sessions.find(
              (s) => !s.rideAware && s.userKey === user.userKey && s.device === r.event.deviceKey && s.index === r.seedIndex,
            )!;
            const id = `${r.event.deviceKey}/${r.seedIndex}`;
            const decides = !marked.has(id) && r.event.createdAt === session.decidedAt && r.event.eventName === session.decidingEvent;
            if (decides) marked.add(id);
            const previous = own[i - 1];
            return {
              device: r.event.deviceKey,
              session: r.seedIndex,
              createdAt: r.event.createdAt,
              event: r.event.eventName,
              gapMinutes: r.gapMinutes,
              decides,
              startsSession: previous?.event.deviceKey !== r.event.deviceKey || previous.seedIndex !== r.seedIndex,
            };
          });
          const actual = await sessionEvents(db, user.anonymousId.toLowerCase());
          assert.deepEqual(
            actual.map(({ device, session, createdAt, event, gapMinutes, decides, startsSession }) => ({
              device, session, createdAt, event, gapMinutes, decides, startsSession,
            })),
            expected,
          );
          const last = expected.at(-1)!;
          const filtered = await sessionEvents(db, user.anonymousId, { session: last.session, device: last.device.toUpperCase() });
          assert.deepEqual(
            filtered.map((e) => e.createdAt),
            expected.filter((e) => e.device === last.device && e.session === last.session).map((e) => e.createdAt),
          );
          // the first event of a session carries the silence before it: at least the gap, unless it is the device's first
          assert.ok(filtered[0]!.gapMinutes === null || filtered[0]!.gapMinutes >= GAP);
        }
        await assert.rejects(sessionEvents(db, users[0]!.anonymousId, { session: 999 }), /has no session 999/);
      });
    });

    test('stats: totals, both definitions, the funnel, breakdowns, days and timestamp quality', async () => {
      await withFreshDatabase(backend, async (db) => {
        const { events, sessions, users } = await builtDatabase(db);
        // one event received before it was created, one two hours late
        await db.exec(`UPDATE mobile_events SET received_at = created_at - interval '1 second' WHERE source_line = 1;
                       UPDATE mobile_events SET received_at = created_at + interval '2 hours' WHERE source_line = 2;`);
        const stats = await sessionStats(db);
        const seed = sessions.filter((s) => !s.rideAware);
        const rideAware = sessions.filter((s) => s.rideAware);
        const count = (list: ReferenceSession[], keep: (s: ReferenceSession) => boolean) => list.filter(keep).length;
        assert.deepEqual(
          {
            gapMinutes: stats.gapMinutes, users: stats.users, events: stats.events, sessions: stats.sessions,
            seedFlagSessions: stats.seedFlagSessions, outcomes: stats.outcomes, bookedWithoutRide: stats.bookedWithoutRide,
            rideAware: [stats.rideAware.sessions, stats.rideAware.seedFlagSessions, stats.rideAware.fewerSessions],
            timestamps: stats.timestamps,
          },
          {
            gapMinutes: GAP, users: users.length, events: events.length, sessions: seed.length,
            seedFlagSessions: count(seed, (s) => s.booked),
            outcomes: {
              browsed: count(seed, (s) => s.outcome === 'browsed'),
              looked: count(seed, (s) => s.outcome === 'looked'),
              booked: count(seed, (s) => s.outcome === 'booked'),
            },
            bookedWithoutRide: count(seed, (s) => s.booked && s.outcome !== 'booked'),
            rideAware: [rideAware.length, count(rideAware, (s) => s.booked), seed.length - rideAware.length],
            timestamps: { receivedBeforeCreated: 1, receivedLate: 1, lateMinutes: 60 },
          },
        );
        assert.ok(stats.rideAware.fewerSessions > 0, 'the fixture has rides longer than the gap');
        assert.deepEqual(
          stats.funnel.map((f) => [f.stage, f.sessions]),
          ['opened', 'map', 'scooter_selected', 'qr_scanner', 'payment', 'ride_started', 'ride_done', 'rated'].map((stage, i) => [
            stage,
            count(seed, (s) => s.stageRank >= i + 1),
          ]),
        );
        assert.equal(stats.funnel[0]!.overallConversion, stats.funnel[0]!.sessions / seed.length);
        assert.equal(stats.funnel[1]!.stepConversion, stats.funnel[1]!.sessions / stats.funnel[0]!.sessions);
        for (const rows of [stats.breakdowns.city, stats.breakdowns.os, stats.breakdowns.appVersion, stats.sessionsPerDay]) {
          assert.equal(rows.reduce((sum, row) => sum + row.sessions, 0), seed.length);
        }
        assert.deepEqual(
          stats.breakdowns.city.map((b) => [b.value, b.sessions]).sort(),
          [...new Set(seed.map((s) => s.city))].map((city) => [city, count(seed, (s) => s.city === city)]).sort(),
        );
      });
    });

    test('the query console is read-only unless asked; lookups on an empty database say what to run', async () => {
      await withFreshDatabase(backend, async (db) => {
        await assert.rejects(requireSessions(db), { message: 'No events loaded yet; run `load <file>` first.' });
        await createEventTables(db);
        await assert.rejects(requireSessions(db), /No events loaded yet/);
        await insertEvents(db, randomEvents(3, 2, 5));
        await assert.rejects(requireSessions(db), /run `rebuild` first/);
        await buildSessions(db);
        await requireSessions(db);

        await assert.rejects(runQuery(db, 'DELETE FROM sessions'), /read-only/);
        const before = await runQuery(db, 'SELECT count(*) AS n FROM sessions');
        assert.deepEqual(before.columns, [{ name: 'n', type: 'number' }]);
        assert.ok(Number(before.rows[0]![0]) > 0);
        const deleted = await runQuery(db, 'DELETE FROM sessions WHERE ride_aware', { write: true });
        assert.ok(deleted.rowCount > 0);
        assert.ok(Number((await runQuery(db, 'SELECT count(*) AS n FROM sessions')).rows[0]![0]) < Number(before.rows[0]![0]));
      });
    });
  });
}
