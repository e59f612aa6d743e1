import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../src/db/database.js';
import { runPipeline } from '../../src/etl/pipeline.js';
import { BrowserContext, type BrowserActions, type PromptRequest } from '../../src/ui/hooks/use-browser.js';
import { Users } from '../../src/ui/screens/users.js';
import { backends, withFreshDatabase } from '../support/backends.js';
import { csv, eventLine, tempDir, writeFile } from '../support/files.js';
import { keys, press, renderAt, waitForFrame } from '../support/ink.js';

// 60 users; user-NN has NN % 5 + 1 sessions (events two hours apart), so the sort by sessions is known.
function manyUsersLog(): string {
  const lines: string[] = [];
  for (let u = 0; u < 60; u++) {
    const user = `user-${String(u).padStart(2, '0')}`;
    for (let s = 0; s <= u % 5; s++) lines.push(eventLine(u * 10 + s, user, s * 120));
  }
  return writeFile(tempDir(), 'many.csv', csv(lines));
}

/** The users screen alone, its prompt requests answered by the test as the browser's prompt line would. */
function mount(db: Database) {
  const opened: string[] = [];
  const prompts: PromptRequest[] = [];
  let backs = 0;
  const actions: BrowserActions = { ask: (request) => prompts.push(request), say() {} };
  const screen = renderAt(
    <BrowserContext.Provider value={actions}>
      <Users db={db} exportDir={tempDir()} isActive width={100} height={13} onBack={() => backs++} onOpen={(id) => opened.push(id)} />
    </BrowserContext.Provider>,
    { columns: 100, rows: 16 },
  );
  return { screen, opened, prompts, backs: () => backs };
}

test('y copies the id under the cursor through the terminal (OSC 52), and says so', async () => {
  await withFreshDatabase(backends[0]!, async (db) => {
    await runPipeline(db, { file: manyUsersLog() });
    const said: string[] = [];
    const screen = renderAt(
      <BrowserContext.Provider value={{ ask() {}, say: (text) => said.push(text) }}>
        <Users db={db} exportDir={tempDir()} isActive width={100} height={13} onBack={() => {}} onOpen={() => {}} />
      </BrowserContext.Provider>,
      { columns: 100, rows: 16 },
    );
    const frame = await waitForFrame(screen, /rows 1-\d+ of 60/);
    const id = /^> (\S+)/m.exec(frame)![1]!;
    await press(screen, 'j');
    await waitForFrame(screen, (f) => /^> (\S+)/m.exec(f)![1] !== id);
    const next = /^> (\S+)/m.exec(screen.lastFrame()!)![1]!;
    await press(screen, 'y');
    assert.ok(screen.frames.join('').includes(`\u001B]52;c;${Buffer.from(next).toString('base64')}\u0007`), 'the OSC 52 sequence, with the id');
    assert.match(said.at(-1)!, new RegExp(`^Copied ${next} to the clipboard`));
    screen.unmount();
  });
});

for (const backend of backends) {
  describe(`users on the ${backend.name} backend`, () => {
    test('pages through the database a window at a time, to the end and back; ten j in one read move ten rows', async () => {
      await withFreshDatabase(backend, async (db) => {
        await runPipeline(db, { file: manyUsersLog() });
        const { screen, opened } = mount(db);
        const first = await waitForFrame(screen, 'rows 1-10 of 60');
        assert.match(first, /> user-59 +1 +5 /, 'most sessions first, ties by id, highest first');
        await press(screen, keys.pageDown);
        const second = await waitForFrame(screen, 'rows 11-20 of 60');
        assert.match(second, /> user-09 +1 +5 /);
        await press(screen, 'G');
        const last = await waitForFrame(screen, 'rows 51-60 of 60');
        assert.match(last, /> user-00 +1 +1 /);
        await press(screen, keys.up, keys.enter);
        assert.deepEqual(opened, ['user-05']);
        await press(screen, 'g');
        await waitForFrame(screen, /> user-59[\s\S]*rows 1-10 of 60/);
        screen.stdin.write('jjjjjjjjjj');
        await waitForFrame(screen, /> user-09 [\s\S]*rows 2-11 of 60/);
      });
    });

    test('sorts by any column, either way, in the database', async () => {
      await withFreshDatabase(backend, async (db) => {
        await runPipeline(db, { file: manyUsersLog() });
        const { screen } = mount(db);
        await waitForFrame(screen, 'sort: sessions, highest first');
        await press(screen, 'S');
        const fewest = await waitForFrame(screen, 'sort: sessions, lowest first');
        assert.match(fewest, /> user-00 +1 +1 /);
        assert.match(fewest, /sessions \u2191/);
        await press(screen, 's');
        await waitForFrame(screen, /sort: booked, highest first/);
        screen.stdin.write('ssss');
        const byFirstSeen = await waitForFrame(screen, 'sort: first seen, earliest first');
        assert.match(byFirstSeen, /first seen \u2191/);
        screen.stdin.write('ss');
        await waitForFrame(screen, 'sort: anonymous id, A to Z');
        const byId = await waitForFrame(screen, /> user-00 /);
        assert.match(byId, /\n {2}user-01 /);
        await press(screen, 'S');
        await waitForFrame(screen, /> user-59 [\s\S]*sort: anonymous id, Z to A/);
      });
    });

    test('the / filter applies as it is typed, n/N move between matches, Esc clears it, and Esc with nothing to clear goes back', async () => {
      await withFreshDatabase(backend, async (db) => {
        await runPipeline(db, { file: manyUsersLog() });
        const { screen, prompts, backs } = mount(db);
        await waitForFrame(screen, 'rows 1-10 of 60');
        await press(screen, '/');
        const prompt = prompts.at(-1)!;
        prompt.onChange!('user-1');
        await waitForFrame(screen, /rows 1-10 of 10 .*id starts with "user-1"/);
        prompt.onChange!('user-12');
        const one = await waitForFrame(screen, /rows 1-1 of 1 .*id starts with "user-12"/);
        assert.match(one, /> user-12 /);
        prompt.onChange!('USER-1');
        await waitForFrame(screen, /rows 1-10 of 10 .*"USER-1"/);
        prompt.onSubmit('USER-1');
        await press(screen, 'n');
        await waitForFrame(screen, /\n> user-\d+ [\s\S]*rows 1-10 of 10/);
        const second = screen.lastFrame()!;
        await press(screen, 'N');
        await waitForFrame(screen, (frame) => frame !== second);
        await press(screen, keys.escape);
        await waitForFrame(screen, /rows 1-10 of 60 +sort: sessions, highest first +outcome: all$/m);
        await press(screen, keys.escape);
        assert.equal(backs(), 1);
      });
    });

    test('d shows every field of the user under the cursor', async () => {
      await withFreshDatabase(backend, async (db) => {
        await runPipeline(db, { file: manyUsersLog() });
        const { screen } = mount(db);
        await waitForFrame(screen, 'rows 1-10 of 60');
        await press(screen, 'd');
        const details = await waitForFrame(screen, 'user user-59');
        assert.match(details, /anonymous id +user-59/);
        assert.match(details, /seed flag +0/);
        assert.match(details, /first seen +2020-03-01 08:00:00/);
        await press(screen, keys.escape);
        await waitForFrame(screen, /> user-59 +1 +5 /);
      });
    });
  });
}
