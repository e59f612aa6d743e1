import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import React from 'react';
import { render } from 'ink-testing-library';
import type { Database } from '../../db/database.js';
import { runPipeline } from '../../etl/pipeline.js';
import { Browser } from './browser.js';
import { backends, withFreshDatabase } from '../../../test/support/backends.js';
import { tempDir } from '../../../test/support/files.js';
import { keys, press, tick, typeText, waitForFrame } from '../../../test/support/ink.js';
import { writeTinyLog } from '../../../test/support/tiny-log.js';

async function loadedDatabase(db: Database): Promise<void> {
  await runPipeline(db, { file: writeTinyLog(tempDir()) });
}

function mount(db: Database) {
  const exportDir = tempDir();
  let quit = 0;
  const screen = render(<Browser db={db} exportDir={exportDir} onQuit={() => quit++} />);
  return { screen, exportDir, quits: () => quit };
}

for (const backend of backends) {
  describe(`browser on the ${backend.name} backend`, () => {
    test('drills from users to sessions to events and back', async () => {
      await withFreshDatabase(backend, async (db) => {
        await loadedDatabase(db);
        const { screen } = mount(db);
        const users = await waitForFrame(screen, 'rows 1-2 of 2');
        assert.match(users, /> AAAA-1 +1 +2 +1 +0 +1 /, 'two sessions: one booked, one browsed');
        assert.match(users, /bbbb-2 +1 +1 +0 +1 +0 /);

        await press(screen, keys.enter);
        const sessions = await waitForFrame(screen, '2 sessions on 1 device, 1 booked');
        assert.match(sessions, /Users > user AAAA-1/);
        assert.match(sessions, /> +0 +2020-03-01 08:00:00 +4m00s +6 +booked +ride_started +4m00s +booked/);
        assert.match(sessions, / +1 +2020-03-01 09:00:00 +10\.0s +2 +browsed +map +- +- +Home/);

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

    test('filters by outcome and id prefix, exports, and jumps to a user in any letter case', async () => {
      await withFreshDatabase(backend, async (db) => {
        await loadedDatabase(db);
        const { screen, exportDir, quits } = mount(db);
        await waitForFrame(screen, 'rows 1-2 of 2');

        await press(screen, 'o');
        const booked = await waitForFrame(screen, 'outcome: booked');
        assert.match(booked, /rows 1-1 of 1/);
        await press(screen, '/');
        await waitForFrame(screen, 'Users whose id starts with:');
        await typeText(screen, 'bb');
        await press(screen, keys.enter);
        await waitForFrame(screen, 'No users match (Esc clears the filter).');
        await press(screen, keys.escape);
        await waitForFrame(screen, /rows 1-2 of 2 +sort: sessions +outcome: all/);

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
        await typeText(screen, 'nobody');
        await press(screen, keys.enter);
        await waitForFrame(screen, 'Error: No user with anonymous_id "nobody" in this database.');
        await press(screen, ':');
        await waitForFrame(screen, 'Jump to the user with anonymous id:');
        await typeText(screen, 'aaaa-1');
        await press(screen, keys.enter);
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
        assert.match(stats, /6\. ride_started .* 1 +\d+% +33%/);

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
        await press(screen, keys.escape);
        await waitForFrame(screen, 'rows 1-2 of 2');
        await tick();
        screen.unmount();
      });
    });
  });
}
