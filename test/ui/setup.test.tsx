import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { render } from 'ink-testing-library';
import { readProfile } from '../../src/config/profile.js';
import { openDatabase } from '../../src/db/connect.js';
import { Setup, type SetupDone } from '../../src/ui/screens/setup.js';
import { embeddedBackend, serverUrl } from '../support/backends.js';
import { keys, press, typeText, waitForFrame } from '../support/ink.js';
import { targetFromText } from '../../src/config/target.js';
import { tempDir } from '../support/files.js';

const server = new URL(serverUrl);

/** Renders the wizard with a fresh config file and password file; resolves with what it hands on. */
function startSetup(dataDir: string, env: NodeJS.ProcessEnv = {}) {
  const dir = tempDir('se-setup-');
  const configFile = path.join(dir, 'config', 'config.json');
  const fullEnv = { PGPASSFILE: path.join(dir, 'pgpass'), ...env };
  let done: (value: SetupDone) => void = () => {};
  const finished = new Promise<SetupDone>((resolve) => (done = resolve));
  const screen = render(<Setup configFile={configFile} dataDir={dataDir} env={fullEnv} onDone={done} onQuit={() => {}} />);
  return { screen, finished, configFile, env: fullEnv };
}

type Screen = ReturnType<typeof startSetup>['screen'];

/** Picks the second option of the first menu: the server, then fields or a URL. */
async function chooseServer(screen: Screen, way: 'fields' | 'url'): Promise<void> {
  await waitForFrame(screen, 'Embedded database');
  await press(screen, 'j');
  await waitForFrame(screen, '> PostgreSQL server');
  await press(screen, keys.enter);
  await waitForFrame(screen, 'Fill in host');
  if (way === 'url') {
    await press(screen, 'j');
    await waitForFrame(screen, '> Paste a connection URL');
  }
  await press(screen, keys.enter);
}

/** Waits for a field's prompt, types the value (if any) and moves on with Enter. */
async function fill(screen: Screen, label: string, value: string): Promise<string> {
  const frame = await waitForFrame(screen, label);
  if (value) await typeText(screen, value, label === 'Password:' ? '*'.repeat(value.length) : value);
  await press(screen, keys.enter);
  return frame;
}

async function dropDatabase(name: string): Promise<void> {
  const admin = await openDatabase(targetFromText(serverUrl));
  await admin.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.close();
}

test('Enter alone sets up the embedded database and saves a 0600 profile', async () => {
  const fresh = await embeddedBackend.create();
  const dataDir = (fresh.target as { dataDir: string }).dataDir;
  const { screen, finished, configFile } = startSetup(dataDir);
  const first = await waitForFrame(screen, 'Embedded database');
  assert.match(first, /> Embedded database/);
  await press(screen, keys.enter);
  const { db, notices } = await finished;
  try {
    assert.match(db.description, /^embedded database at /);
    assert.deepEqual(readProfile(configFile), { database: { kind: 'embedded', dataDir } });
    assert.equal(fs.statSync(configFile).mode & 0o777, 0o600);
    assert.match(notices[0]!, /Saved the profile to .*config\.json/);
  } finally {
    screen.unmount();
    await db.close();
    await fresh.drop();
  }
});

test('server fields: a missing database is offered for creation, then the profile is saved without a password', async () => {
  const name = `se_test_${randomBytes(5).toString('hex')}`;
  const { screen, finished, configFile, env } = startSetup(tempDir('se-setup-'));
  await chooseServer(screen, 'fields');
  await fill(screen, 'Host:', server.hostname);
  await fill(screen, 'Port:', server.port || '5432');
  await fill(screen, 'Database:', name);
  await fill(screen, 'User:', decodeURIComponent(server.username));
  const password = await fill(screen, 'Password:', 'not-checked-by-trust');
  assert.match(password, /kept in memory for this run only/);
  const failed = await waitForFrame(screen, `Create database "${name}"`);
  assert.match(failed, /Error: Cannot connect to [\s\S]*database[\s\S]*does\s+not\s+exist/);
  assert.doesNotMatch(failed, /not-checked-by-trust/);
  await press(screen, keys.enter);
  await waitForFrame(screen, 'Keep it for this run only');
  await press(screen, 'j');
  await waitForFrame(screen, '> Remember it in');
  await press(screen, keys.enter);
  const { db, notices } = await finished;
  try {
    const { rows } = await db.query<{ name: string }>('SELECT current_database() AS name');
    assert.equal(rows[0]!.name, name);
    const profile = readProfile(configFile);
    assert.deepEqual(profile?.database, {
      kind: 'server',
      host: server.hostname,
      port: Number(server.port || 5432),
      database: name,
      user: decodeURIComponent(server.username),
    });
    assert.doesNotMatch(fs.readFileSync(configFile, 'utf8'), /not-checked-by-trust/);
    assert.match(fs.readFileSync(env.PGPASSFILE!, 'utf8'), new RegExp(`:${name}:.*:not-checked-by-trust\\n$`));
    assert.match(notices[1]!, /Saved the password to/);
  } finally {
    screen.unmount();
    await db.close();
    await dropDatabase(name);
  }
});

test('a refused connection says so in one sentence and goes back to the port field', async () => {
  const { screen } = startSetup(tempDir('se-setup-'));
  await chooseServer(screen, 'fields');
  await fill(screen, 'Host:', '127.0.0.1');
  await fill(screen, 'Port:', '1');
  await fill(screen, 'Database:', '');
  await fill(screen, 'User:', '');
  await fill(screen, 'Password:', '');
  const failed = await waitForFrame(screen, 'Fix the settings');
  assert.match(failed, /Error: Cannot reach the PostgreSQL server at \S*127\.0\.0\.1:1\S*: connection\s+refused/);
  await press(screen, keys.enter);
  const form = await waitForFrame(screen, 'Port:');
  assert.match(form, /Host: 127\.0\.0\.1/);
  assert.doesNotMatch(form, /Database:/, 'back on the port field, where "connection refused" points');
  screen.unmount();
});

test('a pasted URL is checked and connects', async () => {
  const { screen, finished, configFile } = startSetup(tempDir('se-setup-'));
  await chooseServer(screen, 'url');
  await fill(screen, 'URL:', 'mysql://nope');
  await waitForFrame(screen, 'Error: A URL looks like postgresql://');
  for (let i = 0; i < 'mysql://nope'.length; i++) await press(screen, keys.backspace);
  await waitForFrame(screen, 'URL: postgresql://user@host:5432/database'); // the placeholder: the field is empty
  await fill(screen, 'URL:', serverUrl);
  const { db } = await finished;
  try {
    assert.equal(readProfile(configFile)?.database.kind, 'server');
  } finally {
    screen.unmount();
    await db.close();
  }
});
