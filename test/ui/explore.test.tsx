import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../src/db/database.js';
import { runPipeline } from '../../src/etl/pipeline.js';
import { Browser } from '../../src/ui/screens/browser.js';
import { backends, withFreshDatabase } from '../support/backends.js';
import { csv, eventLine, tempDir, writeFile } from '../support/files.js';
import { keys, press, renderAt, typeText, waitForFrame } from '../support/ink.js';

/**
 * Six users, one visit a day for 20 days from 2020-03-01; user-u's visit is two events 5u + 1 minutes apart. So at
 * gap G there are 6 keys + 6 * 19 day breaks + 20 * (users whose 5u + 1 >= G) sessions: 180 at 15 minutes.
 */
function twentyDays(): string {
  const lines: string[] = [];
  for (let u = 0; u < 6; u++) {
    for (let day = 0; day < 20; day++) {
      const start = day * 1440 + u;
      lines.push(eventLine(lines.length, `user-${u}`, start), eventLine(lines.length + 1, `user-${u}`, start + 5 * u + 1));
    }
  }
  return writeFile(tempDir(), 'twenty-days.csv', csv(lines));
}

/** Opens the period picker, takes "A range you type..." and types `range` on the prompt line. */
async function typePeriod(screen: ReturnType<typeof mount>, range: string): Promise<void> {
  await press(screen, 'p');
  await waitForFrame(screen, 'A range you type...');
  await press(screen, 'G');
  await waitForFrame(screen, '> A range you type...');
  await press(screen, keys.enter);
  await waitForFrame(screen, 'Period, from and to:');
  await typeText(screen, range);
  await press(screen, keys.enter);
}

function mount(db: Database) {
  return renderAt(<Browser db={db} exportDir={tempDir()} onQuit={() => {}} />, { columns: 100, rows: 30 });
}

for (const backend of backends) {
  describe(`periods and the gap curve in the app (${backend.name})`, () => {
    test('p scopes users and stats to the last days of the data; stats compares them with the days before; c shows the curve', async () => {
      await withFreshDatabase(backend, async (db) => {
        await runPipeline(db, { file: twentyDays() });
        const screen = mount(db);
        const all = await waitForFrame(screen, 'rows 1-6 of 6');
        assert.match(all.split('\n')[0]!, /\[all time\]/);
        assert.match(all, /user-5 +1 +40 /);

        await press(screen, 'p');
        await waitForFrame(screen, 'Last 7 days of the data (2020-03-14 to 2020-03-20)');
        await press(screen, 'j', keys.enter);
        const week = await waitForFrame(screen, /\[2020-03-14 to 2020-03-20\][\s\S]*rows 1-6 of 6/);
        assert.match(week, /user-5 +1 +14 /, 'two sessions a day for the users whose visits split');
        assert.match(week, /user-0 +1 +7 /);

        await press(screen, keys.tab);
        const stats = await waitForFrame(screen, 'vs 2020-03-07 to 2020-03-13');
        assert.match(stats, /63 sessions/);
        assert.match(stats, /\+0% sessions \(63 before\), booked share ±0\.0 points/);

        await press(screen, 'c');
        const curve = await waitForFrame(screen, '60 min: 0%');
        assert.match(curve, /\^ setting 15 min: 180 sessions/);
        assert.match(curve, /\|[^|\n]*\n/, 'the chart');
        await press(screen, keys.escape);
        await waitForFrame(screen, 'vs 2020-03-07 to 2020-03-13');

        await typePeriod(screen, '2020-03-02 to 2020-03-01');
        const mistyped = await waitForFrame(screen, 'The start (2020-03-02) must come before the end (2020-03-01).');
        assert.match(mistyped, /Period, from and to: 2020-03-02 to 2020-03-01 *\nError: The start \(2020-03-02\) must come before the end/, 'the entry keeps its text, the error under it');
        await press(screen, keys.escape);
        await waitForFrame(screen, (frame) => !frame.includes('Period, from and to:'));
        await typePeriod(screen, '2020-03-01');
        const day = await waitForFrame(screen, /\[2020-03-01\][\s\S]*9 sessions/);
        assert.match(day, /vs 2020-02-29: 9 sessions \(none before\), booked share n\/a/, 'the day before has no data, and says so');
        screen.unmount();
      });
    });

    test('the curve runs with a clock; Esc cancels its statement on the server, Enter counts again', async () => {
      await withFreshDatabase(backend, async (db) => {
        await runPipeline(db, { file: twentyDays() });
        const running = async () =>
          (
            await db.query<{ n: number }>(
              "SELECT count(*) AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE '-- The gap explorer%' AND pid <> pg_backend_pid()",
            )
          ).rows[0]!.n;
        const screen = mount(db);
        await waitForFrame(screen, 'rows 1-6 of 6');
        await press(screen, keys.tab);
        await waitForFrame(screen, /\d+ sessions/);
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let locked!: () => void;
        const isLocked = new Promise<void>((resolve) => (locked = resolve));
        // the events held by another transaction: the curve's statement waits on them until cancelled
        const holder = db.transaction(async (tx) => {
          await tx.exec('LOCK TABLE mobile_events IN ACCESS EXCLUSIVE MODE');
          locked();
          await released;
        });
        try {
          await isLocked;
          await press(screen, 'c');
          await waitForFrame(screen, /Counting sessions, seed flags and bookings[^\n]*\d/);
          for (let i = 0; i < 100 && (await running()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
          assert.equal(await running(), 1, 'the statement runs on the server');
          await press(screen, keys.escape);
          await waitForFrame(screen, /Cancelled after/);
          for (let i = 0; i < 100 && (await running()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
          assert.equal(await running(), 0, 'the server stopped it');
        } finally {
          release();
          await holder;
        }
        await press(screen, keys.enter);
        const curve = await waitForFrame(screen, '60 min: 0%');
        assert.match(curve, /\^ setting 15 min: 180 sessions/);
        await press(screen, keys.escape);
        await waitForFrame(screen, /\d+ sessions/);
        screen.unmount();
      });
    });
  });
}
