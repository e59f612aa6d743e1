import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { render } from 'ink-testing-library';
import type { Database } from '../../src/db/database.js';
import { App } from '../../src/ui/app.js';
import { backends } from '../support/backends.js';
import { tempDir } from '../support/files.js';
import { keys, press, waitForFrame } from '../support/ink.js';
import { writeTinyLog } from '../support/tiny-log.js';

for (const backend of backends) {
  describe(`the app on the ${backend.name} backend`, () => {
    test('an empty database is offered a load; the load runs step by step and leads to the users', async () => {
      const fresh = await backend.create();
      const opened: Database[] = [];
      const dir = tempDir();
      const app = render(
        <App
          start={{ kind: 'open', target: fresh.target, create: false }}
          configFile={path.join(dir, 'config.json')}
          dataDir={path.join(dir, 'data')}
          sampleFile={writeTinyLog(dir)}
          exportDir={dir}
          onDatabase={(db) => opened.push(db)}
        />,
      );
      try {
        const offer = await waitForFrame(app, 'The database is empty');
        assert.match(offer, /> Load the sample: \S*tiny\.csv/);
        await press(app, keys.enter);
        const done = await waitForFrame(app, 'Enter: browse users and sessions');
        assert.match(done, /Read 11 rows = 11 new \+ 0 duplicates \+ 0 rejected/);
        assert.match(app.frames.join('\n'), /done +sessions +Build sessions/);
        await press(app, keys.enter);
        const users = await waitForFrame(app, 'rows 1-2 of 2');
        assert.match(users, /AAAA-1/);
      } finally {
        app.unmount();
        await Promise.all(opened.map((db) => db.close()));
        await fresh.drop();
      }
    });

    test('a database with sessions opens straight on the users', async () => {
      const fresh = await backend.create();
      const opened: Database[] = [];
      const dir = tempDir();
      const { openDatabase } = await import('../../src/db/connect.js');
      const { runPipeline } = await import('../../src/etl/pipeline.js');
      const db = await openDatabase(fresh.target);
      await runPipeline(db, { file: writeTinyLog(dir) });
      await db.close();
      const app = render(
        <App
          start={{ kind: 'open', target: fresh.target, create: false }}
          configFile={path.join(dir, 'config.json')}
          dataDir={path.join(dir, 'data')}
          sampleFile={path.join(dir, 'none.csv')}
          exportDir={dir}
          onDatabase={(d) => opened.push(d)}
        />,
      );
      try {
        await waitForFrame(app, 'rows 1-2 of 2');
      } finally {
        app.unmount();
        await Promise.all(opened.map((d) => d.close()));
        await fresh.drop();
      }
    });
  });
}
