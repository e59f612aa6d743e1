import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { backends } from './support/backends.js';
import { databaseWithSessions, randomEvents, type FixtureEvent } from './support/session-fixtures.js';
import { tempDir } from './support/files.js';
import { runCli, type CliResult } from './support/cli.js';

const config = path.join(tempDir(), 'no-profile.json');

/** The real CLI in a child process, as a user runs it, with no profile and no DATABASE_URL of the machine's. */
function cli(db: string, ...args: string[]): Promise<CliResult> {
  return runCli([...args, '--db', db], { SESSION_EXPLORER_CONFIG: config, DATABASE_URL: '' });
}

async function json(db: string, ...args: string[]): Promise<unknown> {
  const result = await cli(db, ...args, '--json');
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

function assertKeys(value: unknown, keys: readonly string[]): void {
  assert.equal(typeof value, 'object');
  for (const key of keys) assert.ok(key in (value as object), `missing "${key}" in ${JSON.stringify(value)}`);
}

const USER = 'Cli-User-A';
const FIXTURE: FixtureEvent[] = [
  { anonymousId: USER.toUpperCase(), deviceId: 'PHONE', createdAt: '2020-06-01 08:00:00.125', eventName: 'Application Opened' },
  { anonymousId: USER.toLowerCase(), deviceId: 'phone', createdAt: '2020-06-01 08:03:00', eventName: 'Ride Started - Successful' },
  { anonymousId: USER.toLowerCase(), deviceId: 'phone', createdAt: '2020-06-01 08:30:00', eventName: 'Ride Done - Successful' },
];

/** A database of the backend with sessions built, closed again so that the CLI (another process) can open it. */
for (const backend of backends) {
  describe(`lookup commands on the ${backend.name} backend`, () => {
    test('every command prints pure JSON of the documented shape', async () => {
      const fresh = await databaseWithSessions(backend, [...FIXTURE, ...randomEvents(31, 6, 10)]);
      try {
        const sessions = (await json(fresh.url, 'sessions', USER)) as Record<string, unknown>[];
        assert.equal(sessions.length, 2);
        for (const s of sessions) {
          assertKeys(s, ['device', 'index', 'start', 'end', 'events', 'booked', 'outcome', 'stage', 'secondsToBook', 'rideSeconds']);
        }
        assert.deepEqual(
          sessions.map((s) => [s.device, s.index, s.start, s.end, s.events, s.booked, s.outcome, s.secondsToBook]),
          [
            ['phone', 0, '2020-06-01 08:00:00.125', '2020-06-01 08:03:00', 2, true, 'booked', 179.875],
            ['phone', 1, '2020-06-01 08:30:00', '2020-06-01 08:30:00', 1, true, 'booked', null],
          ],
        );
        const rideAware = (await json(fresh.url, 'sessions', USER.toLowerCase(), '--ride-aware')) as Record<string, unknown>[];
        assert.deepEqual(rideAware.map((s) => [s.index, s.events, s.rideSeconds]), [[0, 3, 1620]]);

        const events = (await json(fresh.url, 'events', USER, '--session', '1', '--device', 'Phone')) as Record<string, unknown>[];
        assert.equal(events.length, 1);
        assertKeys(events[0], ['device', 'session', 'createdAt', 'receivedAt', 'event', 'gapMinutes', 'decides', 'startsSession']);
        assert.deepEqual([events[0]!.gapMinutes, events[0]!.decides, events[0]!.event], [27, true, 'Ride Done - Successful']);

        const users = (await json(fresh.url, 'users', '--limit', '3', '--sort', 'last_seen')) as Record<string, unknown>[];
        assert.equal(users.length, 3);
        for (const u of users) assertKeys(u, ['anonymousId', 'devices', 'sessions', 'bookedSessions', 'firstSeen', 'lastSeen']);

        const stats = await json(fresh.url, 'stats');
        assertKeys(stats, ['layout', 'users', 'devices', 'events', 'sessions', 'bookedSessions', 'outcomes', 'funnel', 'breakdowns', 'timestamps', 'sessionsPerDay', 'rideAware']);
        assert.equal((stats as { layout: string }).layout, backend.name === 'citus' ? 'Citus, 2 workers' : 'single server');
        const { funnel, breakdowns } = stats as { funnel: unknown[]; breakdowns: Record<string, unknown> };
        assertKeys(funnel[0], ['stage', 'sessions', 'stepConversion', 'overallConversion']);
        assertKeys(breakdowns, ['city', 'os', 'appVersion']);

        assert.deepEqual(await json(fresh.url, 'query', "SELECT 1 AS one, TIMESTAMP '2020-01-01 00:00:00.5' AS t"), [
          { one: 1, t: '2020-01-01 00:00:00.5' },
        ]);
        const rebuilt = await json(fresh.url, 'rebuild', '--gap', '20');
        assertKeys(rebuilt, ['mode', 'keys', 'sessions', 'elapsedMs']);
        assert.deepEqual([(rebuilt as Record<string, unknown>).mode, (rebuilt as Record<string, unknown>).gapMinutes], ['full', 20]);
      } finally {
        await fresh.drop();
      }
    });

    test('tables and CSV for people and spreadsheets; clear errors and exit codes for bad requests', async () => {
      const fresh = await databaseWithSessions(backend, FIXTURE);
      const empty = await databaseWithSessions(backend, []);
      try {
        const table = await cli(fresh.url, 'sessions', USER);
        assert.equal(table.code, 0);
        assert.match(table.stdout, /^device +session +start .* outcome .* seed flag /);
        assert.doesNotMatch(table.stdout.split('\n')[0]!, /\bbooked\b/, "booked is an outcome in the rows, not the seed's column");
        assert.match(table.stdout, /2020-06-01 08:00:00\.125/);
        const csv = await cli(fresh.url, 'events', USER, '--csv');
        assert.equal(csv.stdout.split('\n')[0], 'device,session,createdAt,receivedAt,event,gapMinutes,decides,anonymousId,deviceId,city,os,appVersion,startsSession');
        assert.equal(csv.stdout.trimEnd().split('\n').length, 1 + FIXTURE.length);

        const unknown = await cli(fresh.url, 'sessions', 'nobody', '--json');
        assert.deepEqual([unknown.code, unknown.stdout], [1, '']);
        assert.match(unknown.stderr, /No user with anonymous_id "nobody"/);
        const readOnly = await cli(fresh.url, 'query', 'DELETE FROM sessions');
        assert.equal(readOnly.code, 1);
        assert.match(readOnly.stderr, /read-only/);
        // Ending the read-only transaction from inside the statement does not get around it.
        const smuggled = await cli(fresh.url, 'query', 'COMMIT; DELETE FROM sessions');
        assert.equal(smuggled.code, 1);
        const left = await cli(fresh.url, 'query', 'SELECT count(*) AS n FROM sessions', '--json');
        assert.ok(JSON.parse(left.stdout)[0].n > 0, 'the sessions are still there');
        const both = await cli(fresh.url, 'users', '--json', '--csv');
        assert.equal(both.code, 2);
        const noEvents = await cli(empty.url, 'stats');
        assert.deepEqual([noEvents.code, noEvents.stdout], [1, '']);
        assert.match(noEvents.stderr, /No events loaded yet; run `load <file>` first\./);
      } finally {
        await fresh.drop();
        await empty.drop();
      }
    });
  });
}
