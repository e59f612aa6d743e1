import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Database } from '../../src/db/database.js';
import { runPipeline } from '../../src/etl/pipeline.js';
import { widthOf } from '../../src/ui/text-width.js';
import { Browser } from '../../src/ui/screens/browser.js';
import { backends, withFreshDatabase } from '../support/backends.js';
import { tempDir } from '../support/files.js';
import { keys, press, renderAt, typeText, waitForFrame } from '../support/ink.js';
import { writeTinyLog } from '../support/tiny-log.js';

async function loadedDatabase(db: Database): Promise<void> {
  await runPipeline(db, { file: writeTinyLog(tempDir()) });
}

function mount(db: Database, size = { columns: 120, rows: 36 }) {
  const exportDir = tempDir();
  let quit = 0;
  const screen = renderAt(<Browser db={db} exportDir={exportDir} onQuit={() => quit++} />, size);
  return { screen, exportDir, quits: () => quit };
}

for (const backend of backends) {
  describe(`browser on the ${backend.name} backend`, () => {
    test('drills from users to sessions to events and back; the header names the database', async () => {
      await withFreshDatabase(backend, async (db) => {
        await loadedDatabase(db);
        const { screen } = mount(db);
        const users = await waitForFrame(screen, 'rows 1-2 of 2');
        assert.ok(users.split('\n')[0]!.includes(db.description.slice(-20)), 'the database in use, in the header');
        assert.match(users, /> AAAA-1 +1 +2 +1 +0 +1 +1 /, 'two sessions: one booked, one browsed; the seed flag on one');
        assert.match(users, /bbbb-2 +1 +1 +0 +1 +0 +0 /);

        await press(screen, keys.enter);
        const sessions = await waitForFrame(screen, '2 sessions on 1 device, 1 booked');
        assert.match(sessions, /Users > user AAAA-1/);
        assert.match(sessions, /> +0 +2020-03-01 08:00:00 +4m00s +6 +booked +ride_started +4m00s +booked/);
        assert.match(sessions, / +1 +2020-03-01 09:00:00 +10\.0s +2 +browsed +map +- +- +Home/);

        await press(screen, 'e');
        await waitForFrame(screen, 'to (csv/json):');
        await typeText(screen, 'json');
        await press(screen, keys.enter);
        const sessionsFile = /Exported 2 sessions to (\S+\.json)/.exec(await waitForFrame(screen, /Exported 2 sessions to \S+\.json/))![1]!;
        const exported = JSON.parse(fs.readFileSync(sessionsFile, 'utf8')) as { anonymousId: string }[];
        assert.deepEqual(exported.map((s) => s.anonymousId), ['AAAA-1', 'AAAA-1'], 'the export says whose sessions they are');
        await press(screen, 'y');
        await waitForFrame(screen, 'Copied dev-a to the clipboard');
        assert.ok(screen.frames.join('').includes(`\u001B]52;c;${Buffer.from('dev-a').toString('base64')}\u0007`), 'y on a session copies its device id');

        await press(screen, 'j');
        await waitForFrame(screen, /> +1 +2020-03-01 09:00:00/);
        await press(screen, keys.enter);
        const events = await waitForFrame(screen, 'opened at session 1');
        assert.match(events, /Users > user AAAA-1 > session 1/);
        assert.match(events, /== session 0 == +6 events in 4m00s, reached ride_started +booked/);
        assert.match(events, /2020-03-01 08:04:00 +\+0m +Ride Started - Successful +<- booked/);
        assert.match(events, /> == session 1 == +2 events in 10\.0s, reached map +browsed/, 'the cursor is on the chosen session');
        assert.match(events, /2020-03-01 09:00:00 +\+56m +Application Opened/);
        assert.match(events, /2020-03-01 08:00:00 +first +Application Opened/);

        await press(screen, keys.escape);
        await waitForFrame(screen, '2 sessions on 1 device');
        await press(screen, 'q');
        const back = await waitForFrame(screen, 'rows 1-2 of 2');
        assert.match(back, /> AAAA-1/);
        screen.unmount();
      });
    });

    test('Enter on an event shows all its fields; a boundary line shows its session', async () => {
      await withFreshDatabase(backend, async (db) => {
        await loadedDatabase(db);
        const { screen } = mount(db);
        await waitForFrame(screen, 'rows 1-2 of 2');
        await press(screen, keys.enter);
        await waitForFrame(screen, '2 sessions on 1 device');
        await press(screen, keys.enter);
        await waitForFrame(screen, 'opened at session 0');
        await press(screen, keys.enter);
        const session = await waitForFrame(screen, /decided by +Ride Started - Successful at 2020-03-01 08:04:00/);
        assert.match(session, /seed flag +booked/);
        await press(screen, keys.escape);
        await waitForFrame(screen, /> == session 0 ==/);
        screen.stdin.write('jjjjjj');
        await waitForFrame(screen, /> 2020-03-01 08:04:00 /);
        await press(screen, keys.enter);
        const event = await waitForFrame(screen, 'event at 2020-03-01 08:04:00');
        assert.match(event, /event +Ride Started - Successful/);
        assert.match(event, /received at +2020-03-01 08:04:00\.900 \(900ms after it was created\)/);
        assert.match(event, /decided +this event decided the outcome: booked/);
        assert.match(event, /anonymous id +AAAA-1/);
        assert.match(event, /device +DEV-A/);
        assert.match(event, /city +berlin/);
        assert.match(event, /OS +iOS/);
        assert.match(event, /app version +3\.10\.0/);
        await press(screen, 'k');
        await waitForFrame(screen, 'event at 2020-03-01 08:03:20');
        await press(screen, keys.escape);
        await waitForFrame(screen, /> 2020-03-01 08:03:20 /);
        screen.unmount();
      });
    });

    test('sessions and events sort by any column either way, and filter as you type with n/N', async () => {
      await withFreshDatabase(backend, async (db) => {
        await loadedDatabase(db);
        const { screen } = mount(db);
        await waitForFrame(screen, 'rows 1-2 of 2');
        await press(screen, keys.enter);
        await waitForFrame(screen, 'sort: session, lowest first');
        screen.stdin.write('ss');
        const byLength = await waitForFrame(screen, 'sort: length, highest first');
        assert.match(byLength, /> +0 +2020-03-01 08:00:00 +4m00s[\s\S]*\n +1 +2020-03-01 09:00:00 +10\.0s/);
        await press(screen, 'S');
        const shortest = await waitForFrame(screen, 'sort: length, lowest first');
        assert.match(shortest, /> +1 +2020-03-01 09:00:00 +10\.0s/);
        await press(screen, keys.enter);
        await waitForFrame(screen, 'opened at session 1');

        await press(screen, '/');
        await typeText(screen, 'scan');
        const filtered = await waitForFrame(screen, /rows 1-3 of 3 .*containing "scan"/);
        assert.match(filtered, /== session 0 ==/, 'the session of the matches stays as their context');
        assert.match(filtered, /Qr Scanner - Opened[\s\S]*Qr Scanner - Scan Successful/);
        assert.doesNotMatch(filtered, /Application Opened|== session 1 ==/);
        await press(screen, keys.enter);
        await press(screen, 'n');
        await waitForFrame(screen, /> 2020-03-01 08:03:00 /);
        await press(screen, 'n');
        await waitForFrame(screen, /> 2020-03-01 08:03:20 /);
        await press(screen, 'n');
        await waitForFrame(screen, /> 2020-03-01 08:03:00 /); // n wraps round, past the boundary line
        await press(screen, 'N');
        await waitForFrame(screen, /> 2020-03-01 08:03:20 /);
        await press(screen, keys.escape);
        await waitForFrame(screen, /rows 1-\d+ of 10 +sort: created at, earliest first$/m);

        screen.stdin.write('ss');
        const byName = await waitForFrame(screen, 'sort: event, A to Z');
        assert.doesNotMatch(byName, /== session/, 'out of time order there is no timeline to draw');
        assert.match(byName, />.*Application Opened[\s\S]*Application Opened[\s\S]*Home Screen Viewed/);
        screen.unmount();
      });
    });

    test('filters users by outcome and id prefix as typed, exports, jumps in any letter case; Esc does not quit, Q does', async () => {
      await withFreshDatabase(backend, async (db) => {
        await loadedDatabase(db);
        const { screen, exportDir, quits } = mount(db);
        await waitForFrame(screen, 'rows 1-2 of 2');

        await press(screen, 'o');
        const booked = await waitForFrame(screen, 'outcome: booked');
        assert.match(booked, /rows 1-1 of 1/);
        await press(screen, '/');
        await waitForFrame(screen, 'Users whose id starts with:');
        screen.stdin.write('b');
        await waitForFrame(screen, 'No users match (Esc clears the filter).');
        await press(screen, keys.backspace);
        await waitForFrame(screen, /rows 1-1 of 1 +sort: sessions, highest first +outcome: booked$/m);
        await press(screen, keys.escape);
        await press(screen, keys.escape);
        await waitForFrame(screen, /rows 1-2 of 2 +sort: sessions, highest first +outcome: all/);
        await press(screen, keys.escape);
        await waitForFrame(screen, 'This is the first screen: Q quits.');
        assert.equal(quits(), 0);

        await press(screen, 'e');
        await waitForFrame(screen, 'Export the users to (csv/json):');
        await press(screen, keys.enter);
        const exported = await waitForFrame(screen, /Exported 2 users to \S+\.csv/);
        const file = /Exported 2 users to (\S+\.csv)/.exec(exported)![1]!;
        assert.ok(file.startsWith(exportDir));
        const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
        assert.equal(lines.length, 3);
        assert.match(lines[0]!, /^userKey,anonymousId,devices,sessions,/);

        await press(screen, ':');
        await waitForFrame(screen, 'Jump to the user with anonymous id:');
        screen.stdin.write('nobody\r');
        await waitForFrame(screen, 'Error: No user with anonymous_id "nobody" in this database.');
        await press(screen, ':');
        await waitForFrame(screen, 'Jump to the user with anonymous id:');
        screen.stdin.write('aaaa-1\r');
        await waitForFrame(screen, '2 sessions on 1 device, 1 booked');

        await press(screen, '?');
        await waitForFrame(screen, "Keys: A user's sessions");
        await press(screen, 'x');
        await waitForFrame(screen, '2 sessions on 1 device');
        await press(screen, 'Q');
        assert.equal(quits(), 1);
        screen.unmount();
      });
    });

    test('the stats and query tabs', async () => {
      await withFreshDatabase(backend, async (db) => {
        await loadedDatabase(db);
        const { screen } = mount(db);
        await waitForFrame(screen, 'rows 1-2 of 2');

        await press(screen, keys.tab);
        const stats = await waitForFrame(screen, 'Funnel');
        assert.match(stats, /2 users, 2 devices, 11 events, 3 sessions/);
        assert.match(stats, /Outcomes: booked 1 \(33%\) +looked 1 \(33%\) +browsed 1 \(33%\)/);
        assert.match(stats, /Seed flag: set on 1 sessions/);
        assert.match(stats, /6\. ride_started .* 1 +\d+% +33%/);
        assert.match(stats, /city +sessions +booked +looked +seed flag +booked %/);

        await press(screen, keys.tab);
        await waitForFrame(screen, 'SQL>');
        await typeText(screen, 'select count(*) as n from mobile_events');
        await press(screen, keys.enter);
        const counted = await waitForFrame(screen, '1 row in');
        assert.match(counted, /\bn\b[\s\S]*\b11\b/);
        await typeText(screen, 'delete from mobile_events');
        await press(screen, keys.enter);
        await waitForFrame(screen, /Error: .*read-only transaction.*\(type \\w to allow writes\)/);
        await press(screen, keys.up);
        await waitForFrame(screen, 'SQL> delete from mobile_events');
        await press(screen, keys.up);
        await waitForFrame(screen, 'SQL> select count(*) as n from mobile_events');

        // A result wider than the terminal: its columns scroll with Shift-left/right, the statement stays.
        await press(screen, '\u0015');
        const wide = Array.from({ length: 14 }, (_, i) => `'value number ${i}' AS column_${i}`).join(', ');
        screen.stdin.write(`select ${wide}\r`);
        const first = await waitForFrame(screen, /^ {2}column_0 .* >$/m);
        assert.doesNotMatch(first, /column_13/);
        await press(screen, '\u001B[1;2C');
        await waitForFrame(screen, /^< .*column_1 /m);
        screen.stdin.write('\u001B[1;2C'.repeat(20));
        const last = await waitForFrame(screen, /^< .*[^>]$/m);
        assert.doesNotMatch(last, /column_0 /, 'scrolled as far as the last column and no further');
        await press(screen, keys.escape);
        await waitForFrame(screen, 'rows 1-2 of 2');
        screen.unmount();
      });
    });

    test('at 120x36, 80x24 and 60x15 every screen keeps its header, its rows line and its footer, each on one line', async () => {
      await withFreshDatabase(backend, async (db) => {
        await loadedDatabase(db);
        for (const size of [
          { columns: 120, rows: 36 },
          { columns: 80, rows: 24 },
          { columns: 60, rows: 15 },
        ]) {
          const { screen } = mount(db, size);
          const check = (frame: string, what: string, rowsLine: RegExp | undefined) => {
            const lines = frame.split('\n');
            const where = `${what} at ${size.columns}x${size.rows}:\n${frame}`;
            assert.ok(lines.length <= size.rows, `${lines.length} lines: ${where}`);
            for (const line of lines) assert.ok(widthOf(line) <= size.columns, `a line of ${widthOf(line)} columns: ${where}`);
            assert.match(lines[0]!, /^session-explorer .*\(Tab\)$/, `the header: ${where}`);
            if (rowsLine) assert.match(frame, rowsLine, `the rows line: ${where}`);
            assert.ok(lines.some((line) => /(\?|F1) help$/.test(line)), `the footer: ${where}`);
          };
          check(await waitForFrame(screen, 'rows 1-2 of 2'), 'users', /^rows 1-2 of 2 /m);
          await press(screen, keys.enter);
          check(await waitForFrame(screen, /^rows 1-2 of 2 +sort: session/m), 'sessions', /^rows 1-2 of 2 /m);
          await press(screen, keys.enter);
          check(await waitForFrame(screen, /^rows 1-\d+ of 10 +sort: created at/m), 'events', /^rows 1-\d+ of 10 /m);
          await press(screen, keys.enter);
          check(await waitForFrame(screen, /^session 0$/m), 'session details', /^rows 1-\d+ of 10 /m);
          await press(screen, keys.pageDown);
          check(await waitForFrame(screen, /^decided by +Ride Started/m), 'session details further down', /^rows 1-\d+ of 10 /m);
          await press(screen, keys.tab);
          check(await waitForFrame(screen, /^lines 1-\d+ of \d+$|Funnel/m), 'stats', undefined);
          await press(screen, keys.tab);
          check(await waitForFrame(screen, 'SQL>'), 'query', undefined);
          screen.unmount();
        }
      });
    });
  });
}
