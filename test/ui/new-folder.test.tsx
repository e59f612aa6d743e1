import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { render } from 'ink-testing-library';
import type { Database } from '../../src/db/database.js';
import { App } from '../../src/ui/app.js';
import { runningServer } from '../../src/db/embedded/server-process.js';
import { stopLeftoverServer } from '../support/backends.js';
import { tempDir } from '../support/files.js';
import { keys, press, waitForFrame } from '../support/ink.js';
import { writeTinyLog } from '../support/tiny-log.js';

test('--db naming a folder with no database offers to create the embedded database there, then a load', async () => {
  const dir = tempDir();
  const folder = path.join(dir, 'new', 'folder');
  const opened: Database[] = [];
  const app = render(
    <App
      start={{ kind: 'open', target: { kind: 'embedded', dataDir: folder }, create: false }}
      configFile={path.join(dir, 'config.json')}
      dataDir={path.join(dir, 'data')}
      sampleFile={writeTinyLog(dir)}
      exportDir={dir}
      onDatabase={(db) => opened.push(db)}
    />,
  );
  try {
    const refused = await waitForFrame(app, 'There is no embedded database');
    assert.ok(refused.includes(`> Create an embedded database in ${folder}, then load a file`), refused);
    assert.equal(fs.existsSync(folder), false, 'nothing is made before it is asked for');
    await press(app, keys.enter);
    const offer = await waitForFrame(app, 'The database is empty');
    assert.match(offer, /> Load the sample: \S*tiny\.csv/);
    await press(app, keys.enter);
    await waitForFrame(app, 'Enter: browse users and sessions');
    await press(app, keys.enter);
    await waitForFrame(app, 'rows 1-2 of 2');
  } finally {
    app.unmount();
    await Promise.all(opened.map((db) => db.close()));
    await stopLeftoverServer(folder);
  }
  assert.equal(runningServer(folder), undefined);
});
