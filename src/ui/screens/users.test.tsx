import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { render } from 'ink-testing-library';
import { runPipeline } from '../../etl/pipeline.js';
import { Users } from './users.js';
import { backends, withFreshDatabase } from '../../../test/support/backends.js';
import { csv, eventLine, tempDir, writeFile } from '../../../test/support/files.js';
import { keys, press, waitForFrame } from '../../../test/support/ink.js';

// 60 users; user-NN has NN % 5 + 1 sessions (events two hours apart), so the sort by sessions is known.
function manyUsersLog(): string {
  const lines: string[] = [];
  for (let u = 0; u < 60; u++) {
    const user = `user-${String(u).padStart(2, '0')}`;
    for (let s = 0; s <= u % 5; s++) lines.push(eventLine(u * 10 + s, user, s * 120));
  }
  return writeFile(tempDir(), 'many.csv', csv(lines));
}

for (const backend of backends) {
  describe(`users on the ${backend.name} backend`, () => {
    test('pages through the database a window at a time, to the end and back', async () => {
      await withFreshDatabase(backend, async (db) => {
        await runPipeline(db, { file: manyUsersLog() });
        const opened: string[] = [];
        const screen = render(<Users db={db} exportDir={tempDir()} isActive width={100} height={13} onBack={() => {}} onOpen={(id) => opened.push(id)} />);
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
        await waitForFrame(screen, 'rows 1-10 of 60');
        await press(screen, 's');
        await waitForFrame(screen, 'sort: bookings');
        screen.unmount();
      });
    });
  });
}
