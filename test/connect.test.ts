import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, describeConnectionError } from '../src/db/connect.js';
import { resolveTarget, maskUrl } from '../src/config/target.js';
import { readProfile, writeProfile } from '../src/config/profile.js';
import { UserError } from '../src/errors.js';
import { serverUrl } from './support/backends.js';
import { tempDir, writeFile } from './support/files.js';

const dir = tempDir();

function withPath(url: string, changes: { port?: string; database?: string; user?: string; password?: string; host?: string }): string {
  const u = new URL(url);
  if (changes.port) u.port = changes.port;
  if (changes.host) u.hostname = changes.host;
  if (changes.database) u.pathname = `/${changes.database}`;
  if (changes.user) u.username = changes.user;
  if (changes.password) u.password = changes.password;
  return u.toString();
}

async function connectionError(url: string): Promise<string> {
  try {
    const db = await openDatabase({ kind: 'server', url });
    await db.close();
  } catch (error) {
    assert.ok(error instanceof UserError, `a UserError, not ${String(error)}`);
    return error.message;
  }
  throw new Error('connected, but should not have');
}

describe('connecting to a PostgreSQL server', () => {
  test('a port nobody listens on: refused, in one sentence, password masked', async () => {
    const message = await connectionError(withPath(serverUrl, { port: '1', password: 's3cret-pw' }));
    assert.match(message, /^Cannot reach the PostgreSQL server at postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/.*: connection refused/);
    assert.doesNotMatch(message, /s3cret-pw/);
  });

  test('a host name that does not resolve', async () => {
    const message = await connectionError(withPath(serverUrl, { host: 'no-such-host.invalid' }));
    assert.match(message, /^Cannot reach the PostgreSQL server at .*no-such-host\.invalid.*: the host name does not resolve\.$/);
  });

  test('a database that does not exist', async () => {
    const message = await connectionError(withPath(serverUrl, { database: 'se_no_such_database' }));
    assert.match(message, /^The database in .*se_no_such_database does not exist \(create it, or choose another\)\.$/);
  });

  test('a user the server does not know', async () => {
    const message = await connectionError(withPath(serverUrl, { user: 'se_no_such_role' }));
    assert.match(message, /^Authentication failed for .*se_no_such_role.*: the server does not accept this user from here\.$/);
  });

  test('a wrong password (the test server trusts everyone, so the message is checked from the SQLSTATE)', () => {
    const message = describeConnectionError({ code: '28P01', message: 'password authentication failed' }, { kind: 'server', url: 'postgres://ann:hunter2@db:5432/x' });
    assert.equal(message, 'Authentication failed for postgres://ann:***@db:5432/x: wrong password (set it in ~/.pgpass or PGPASSWORD).');
  });
});

describe('choosing the database', () => {
  const profileFile = path.join(dir, 'config.json');
  writeProfile(profileFile, { database: { kind: 'server', host: 'db.example', port: 5433, database: 'events', user: 'ann', password: 'hunter2' } as never });

  test('--db, then DATABASE_URL, then the saved profile, then the embedded default', () => {
    const env = { DATABASE_URL: 'postgres://env-host/db', SESSION_EXPLORER_DATA_DIR: path.join(dir, 'default') };
    assert.deepEqual(resolveTarget({ db: 'postgresql://flag-host/db', configFile: profileFile, env }), {
      target: { kind: 'server', url: 'postgresql://flag-host/db' },
      source: '--db',
    });
    assert.deepEqual(resolveTarget({ db: 'some/folder', configFile: profileFile, env }).target, {
      kind: 'embedded',
      dataDir: path.resolve('some/folder'),
    });
    assert.equal(resolveTarget({ configFile: profileFile, env }).source, 'DATABASE_URL');
    const fromProfile = resolveTarget({ configFile: profileFile, env: {} });
    assert.equal(fromProfile.source, 'profile');
    assert.deepEqual(fromProfile.target, { kind: 'server', host: 'db.example', port: 5433, database: 'events', user: 'ann' });
    assert.deepEqual(resolveTarget({ configFile: path.join(dir, 'none.json'), env: { SESSION_EXPLORER_DATA_DIR: path.join(dir, 'default') } }), {
      target: { kind: 'embedded', dataDir: path.join(dir, 'default') },
      source: 'default',
    });
  });

  test('the profile is private (0600) and never holds a password', () => {
    assert.equal(fs.statSync(profileFile).mode & 0o777, 0o600);
    assert.doesNotMatch(fs.readFileSync(profileFile, 'utf8'), /hunter2|password/);
  });

  test('a broken profile is one clear sentence', () => {
    const broken = writeFile(dir, 'broken.json', '{ nope');
    assert.throws(() => readProfile(broken), { message: `The config file ${broken} is not a valid session-explorer profile; run \`setup\` to write a new one.` });
  });

  test('masking keeps everything but the password', () => {
    assert.equal(maskUrl('postgresql://ann:p%40ss@h:1/d?sslmode=require'), 'postgresql://ann:***@h:1/d?sslmode=require');
    assert.equal(maskUrl('postgresql://h/d'), 'postgresql://h/d');
  });
});
