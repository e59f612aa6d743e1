import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serverBackend } from './support/backends.js';
import { runCli } from './support/cli.js';
import { tempDir } from './support/files.js';
import { createEventTables, insertEvents, randomEvents } from './support/session-fixtures.js';
import { openDatabase } from '../src/db/connect.js';
import { buildSessions } from '../src/sessions/build.js';

const env = { SESSION_EXPLORER_CONFIG: path.join(tempDir(), 'no-profile.json'), DATABASE_URL: '' };

describe('stats, users and sessions by period and by gap, from the command line', () => {
  test('a bad period is one sentence and exit 2, before any database is opened', async () => {
    const nowhere = path.join(tempDir(), 'never-created');
    for (const [args, message] of [
      [['stats', '--from', '2020-02-30'], /^session-explorer: --from must be a date \(2020-01-31\) or a timestamp/],
      [['users', '--to', 'last week'], /^session-explorer: --to must be a date/],
      [['sessions', 'someone', '--from', '2020-03-01', '--to', '2020-02-01'], /--from \(2020-03-01\) must come before --to \(2020-02-01\)\./],
      [['stats', '--gaps', '--from', '2020-01-01'], /stats --gaps covers every event: it takes no --from or --to\./],
    ] as const) {
      const result = await runCli([...args, '--db', nowhere], env);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1);
      assert.equal(result.stdout, '');
      assert.equal(fs.existsSync(nowhere), false);
    }
  });

  test('stats --gaps --json is the curve from 1 to 120 minutes with seed flags and bookings; CSV the same; the text marks the setting', async () => {
    const fresh = await serverBackend.create();
    try {
      const db = await openDatabase(fresh.target);
      await createEventTables(db);
      await insertEvents(db, randomEvents(3, 12, 20));
      await buildSessions(db, { gapMinutes: 10 });
      const counts = await db.query<{ n: number; flagged: number; booked: number }>(
        "SELECT count(*) AS n, count(*) FILTER (WHERE booked) AS flagged, count(*) FILTER (WHERE outcome = 'booked') AS booked FROM sessions WHERE NOT ride_aware",
      );
      const { n: stored, flagged, booked } = counts.rows[0]!;
      await db.close();

      const json = await runCli(['stats', '--gaps', '--json', '--db', fresh.url], env);
      assert.equal(json.code, 0, json.stderr);
      const points = JSON.parse(json.stdout) as { gap: number; sessions: number; seedFlagSessions: number; bookedSessions: number }[];
      assert.deepEqual(points.map((p) => p.gap), Array.from({ length: 120 }, (_, i) => i + 1));
      assert.deepEqual(points[9], { gap: 10, sessions: stored, seedFlagSessions: flagged, bookedSessions: booked });
      assert.ok(flagged !== booked, 'the two flags differ on this data, so a swap would show');
      for (const p of points) assert.deepEqual(Object.keys(p), ['gap', 'sessions', 'seedFlagSessions', 'bookedSessions']);

      const csv = await runCli(['stats', '--gaps', '--csv', '--db', fresh.url], env);
      assert.equal(csv.code, 0, csv.stderr);
      const lines = csv.stdout.trim().split('\n');
      assert.equal(lines[0], 'gap,sessions,seedFlagSessions,bookedSessions');
      assert.equal(lines[10], `10,${stored},${flagged},${booked}`);

      const text = await runCli(['stats', '--gaps', '--db', fresh.url], { ...env, TERM: 'dumb' });
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /\^ setting 10 min/);
      assert.match(text.stdout, new RegExp(`^ +10 +${stored.toLocaleString('en-US')} .*setting`, 'm'));
      assert.doesNotMatch(text.stdout, /[^\x00-\x7f±]/, 'ASCII on a dumb terminal');

      const period = await runCli(['stats', '--from', '2020-05-01', '--to', '2020-05-01', '--json', '--db', fresh.url], env);
      assert.equal(period.code, 0, period.stderr);
      const stats = JSON.parse(period.stdout) as { period: unknown; previous: { period: unknown } };
      assert.deepEqual(stats.period, { from: '2020-05-01 00:00:00', to: '2020-05-02 00:00:00' });
      assert.deepEqual(stats.previous.period, { from: '2020-04-30 00:00:00', to: '2020-05-01 00:00:00' });
    } finally {
      await fresh.drop();
    }
  });
});
