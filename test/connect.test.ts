import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, ConnectionError } from '../src/db/connect.js';
import { readConnectionText } from '../src/config/conninfo.js';
import { describeServer, resolveServer } from '../src/config/resolve.js';
import { describeTarget, resolveTarget } from '../src/config/target.js';
import { readProfile, writeProfile } from '../src/config/profile.js';
import { UserError } from '../src/errors.js';
import { serverUrl } from './support/backends.js';
import { runCli } from './support/cli.js';
import { csv, eventLine, tempDir, writeFile } from './support/files.js';
import { startPasswordServer, type PasswordServer } from './support/password-server.js';

const dir = tempDir();

function serverOf(text: string) {
  const read = readConnectionText(text, '--db');
  assert.equal(read.kind, 'server');
  return read.kind === 'server' ? read.spec : {};
}

describe('reading --db strictly', () => {
  test('a URL with its query parameters: password, sslmode, a socket host, options', () => {
    assert.deepEqual(serverOf('postgres://ann@db.example:6543/x?password=p%26w&sslmode=require&options=-c%20search_path%3Dy'), {
      host: 'db.example',
      port: 6543,
      database: 'x',
      user: 'ann',
      password: 'p&w',
      sslmode: 'require',
      options: '-c search_path=y',
    });
    assert.equal(serverOf('postgresql:///events?host=/var/run/postgresql').host, '/var/run/postgresql');
    assert.equal(serverOf('POSTGRESQL://ann:p%2Fw@h/d').password, 'p/w');
  });

  test('a libpq keyword string, as psql takes it', () => {
    assert.deepEqual(serverOf("host=db1 port=5433 dbname='my events' user=ann password='it\\'s a \\\\ pw' sslmode=disable"), {
      host: 'db1',
      port: 5433,
      database: 'my events',
      user: 'ann',
      password: "it's a \\ pw",
      sslmode: 'disable',
    });
  });

  test('another scheme is an error in one sentence, not a new folder; a path is a folder', () => {
    for (const text of ['pg://localhost/x', 'mysql://root@localhost/db', 'http://example.com']) {
      assert.throws(() => readConnectionText(text, '--db'), (error: unknown) => {
        assert.ok(error instanceof UserError && error.exitCode === 2);
        assert.match(error.message, /^--db takes a postgres:\/\/ URL, a libpq string .* or the folder of an embedded database, not a \w+:\/\/ URL\.$/);
        return true;
      });
    }
    assert.deepEqual(readConnectionText('./data dir', '--db'), { kind: 'folder', path: './data dir' });
    assert.deepEqual(readConnectionText('C:\\events', '--db'), { kind: 'folder', path: 'C:\\events' });
  });

  test('a password with an unencoded `/` is refused without repeating any of it', () => {
    for (const text of ['postgres://user:Zq12/Xs9@host:5433/db', 'postgres://user:Zq#Xs9@host/db', 'postgres://u:Zq Xs9/c@h/d']) {
      assert.throws(
        () => readConnectionText(text, '--db'),
        (error: unknown) => {
          assert.ok(error instanceof UserError);
          assert.doesNotMatch(error.message, /Zq|Xs9/);
          return true;
        },
        text,
      );
    }
  });
});

describe('one resolver, in psql order', () => {
  test('given, then PG* variables, then the defaults', () => {
    const env = { PGHOST: 'envhost', PGPORT: '6000', PGUSER: 'envuser', PGSSLMODE: 'require', USER: 'login' };
    const fromEnv = resolveServer({}, env);
    assert.deepEqual(
      [fromEnv.host, fromEnv.port, fromEnv.user, fromEnv.database, fromEnv.sslmode],
      [
        { value: 'envhost', source: 'PGHOST' },
        { value: 6000, source: 'PGPORT' },
        { value: 'envuser', source: 'PGUSER' },
        { value: 'envuser', source: 'the user name' },
        { value: 'require', source: 'PGSSLMODE' },
      ],
    );
    const given = resolveServer({ host: 'h', user: 'ann', database: 'd' }, env);
    assert.deepEqual([given.host.value, given.user.value, given.database.value, given.port.value], ['h', 'ann', 'd', 6000]);
    const defaults = resolveServer({}, { USER: 'login' });
    assert.deepEqual([defaults.host.value, defaults.port.value, defaults.user.value, defaults.database.value], ['localhost', 5432, 'login', 'login']);
  });

  test('what is shown is built from the settings, so no password can be in it', () => {
    const spec = serverOf('postgresql://ann:hunter2@db:5432/x?password=other');
    assert.equal(describeTarget({ kind: 'server', spec }, {}), 'postgresql://ann@db:5432/x');
    assert.equal(describeServer(resolveServer({ host: '/run/pg', user: 'ann', database: 'x' }, {})), 'postgresql://ann@/x?host=%2Frun%2Fpg');
  });
});

describe('connecting to a PostgreSQL server', () => {
  async function connectionError(text: string): Promise<ConnectionError> {
    const db = await openDatabase(resolveTarget({ db: text }).target).catch((error: unknown) => error);
    if (!(db instanceof ConnectionError)) {
      if (db && typeof db === 'object' && 'close' in db) await (db as { close(): Promise<void> }).close();
      assert.fail(`expected a ConnectionError, got ${String(db)}`);
    }
    return db;
  }

  function withPath(changes: { port?: string; database?: string; user?: string; password?: string; host?: string }): string {
    const u = new URL(serverUrl);
    if (changes.port) u.port = changes.port;
    if (changes.host) u.hostname = changes.host;
    if (changes.database) u.pathname = `/${changes.database}`;
    if (changes.user) u.username = changes.user;
    if (changes.password) u.password = changes.password;
    return u.toString();
  }

  test('a port nobody listens on: refused, in one sentence, the field to fix named, no password', async () => {
    const error = await connectionError(withPath({ port: '1', password: 's3cret-pw' }));
    assert.match(error.message, /^Cannot reach the PostgreSQL server at postgresql:\/\/postgres@127\.0\.0\.1:1\/.*: connection refused/);
    assert.doesNotMatch(error.message, /s3cret-pw/);
    assert.equal(error.field, 'port');
  });

  test('a host name that does not resolve', async () => {
    const error = await connectionError(withPath({ host: 'no-such-host.invalid' }));
    assert.match(error.message, /^Cannot reach the PostgreSQL server at .*no-such-host\.invalid.*: the host name does not resolve\.$/);
    assert.equal(error.field, 'host');
  });

  test('a database that does not exist', async () => {
    const error = await connectionError(withPath({ database: 'se_no_such_database' }));
    assert.match(error.message, /^The database in .*se_no_such_database does not exist \(create it, or choose another\)\.$/);
    assert.equal(error.missingDatabase, true);
  });

  test('a user the server does not know', async () => {
    const error = await connectionError(withPath({ user: 'se_no_such_role' }));
    assert.match(error.message, /^Authentication failed for .*se_no_such_role.*: the server does not accept this user from here\.$/);
    assert.equal(error.field, 'user');
  });
});

describe('secrets never leave memory', () => {
  let server: PasswordServer;
  const logs = path.join(dir, 'logs');
  const configFile = path.join(dir, 'config.json');
  const file = writeFile(dir, 'events.csv', csv([...Array.from({ length: 30 }, (_, i) => eventLine(i)), 'broken;row']));
  const baseEnv = { SESSION_EXPLORER_LOG_DIR: logs, SESSION_EXPLORER_CONFIG: configFile, PGPASSWORD: '', PGPASSFILE: path.join(dir, 'none') };

  before(async () => {
    server = await startPasswordServer();
  });
  after(async () => {
    await server?.stop();
  });

  const url = (password = '') => `postgresql://${server.user}${password}@${server.host}:${server.port}/${server.database}`;

  /** Every file the app wrote (logs, rejects, profile) and the ledger: none may hold the password. */
  async function assertNowhere(secret: string, ...outputs: string[]): Promise<void> {
    for (const output of outputs) assert.ok(!output.includes(secret), `the password is in:\n${output}`);
    const files = fs.existsSync(logs) ? fs.readdirSync(logs, { recursive: true }).map((f) => path.join(logs, String(f))) : [];
    for (const written of [...files, configFile].filter((f) => fs.existsSync(f) && fs.statSync(f).isFile())) {
      assert.ok(!fs.readFileSync(written, 'utf8').includes(secret), `the password is in ${written}`);
    }
    const client = new pg.Client({ host: server.host, port: server.port, user: server.user, password: server.password, database: server.database });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT coalesce(string_agg(t::text, ' '), '') AS everything FROM load_runs t");
      assert.ok(!rows[0].everything.includes(secret), 'the password is in the ledger');
    } finally {
      await client.end();
    }
  }

  test('in the URL: the load works, one line warns about ps, and the password is nowhere', async () => {
    const secret = server.password;
    const result = await runCli(['load', file, '--db', url(`:${encodeURIComponent(secret)}`)], baseEnv);
    assert.equal(result.code, 0, result.stderr);
    const warnings = result.stderr.split('\n').filter((line) => /can be seen by other users/.test(line));
    assert.deepEqual(warnings, [
      'session-explorer: the password in --db can be seen by other users of this machine (ps), and npm writes the command line to its debug log (~/.npm/_logs) under npm start and npx; keep it in ~/.pgpass or PGPASSWORD instead, or run the installed command (npm link, then session-explorer).',
    ]);
    assert.match(result.stdout, /rejected rows, with line and reason/);
    await assertNowhere(secret, result.stdout, result.stderr);
  });

  test('as ?password=, in PGPASSWORD, and in DATABASE_URL: no leak, and only --db warns', async () => {
    const secret = server.password;
    const query = await runCli(['query', 'SELECT current_user', '--db', `${url()}?password=${encodeURIComponent(secret)}`], baseEnv);
    assert.equal(query.code, 0, query.stderr);
    assert.match(query.stderr, /can be seen by other users/);
    const fromEnv = await runCli(['query', 'SELECT current_user', '--db', url()], { ...baseEnv, PGPASSWORD: secret });
    assert.equal(fromEnv.code, 0, fromEnv.stderr);
    assert.equal(fromEnv.stderr, '');
    const fromDatabaseUrl = await runCli(['query', 'SELECT current_user'], { ...baseEnv, DATABASE_URL: url(`:${encodeURIComponent(secret)}`) });
    assert.equal(fromDatabaseUrl.code, 0, fromDatabaseUrl.stderr);
    assert.equal(fromDatabaseUrl.stderr, '');
    await assertNowhere(secret, query.stdout, query.stderr, fromEnv.stdout, fromDatabaseUrl.stdout);
  });

  test('from ~/.pgpass: read by the app, with no deprecation warning; ignored with a reason when others can read it', async () => {
    const pgpass = writeFile(dir, 'pgpass', `${server.host}:${server.port}:${server.database}:${server.user}:${server.password}\n`);
    fs.chmodSync(pgpass, 0o600);
    const result = await runCli(['query', 'SELECT current_user', '--db', url()], { ...baseEnv, PGPASSFILE: pgpass });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '', 'not a word on stderr, warnings included');

    fs.chmodSync(pgpass, 0o644);
    const open = await runCli(['query', 'SELECT current_user', '--db', url()], { ...baseEnv, PGPASSFILE: pgpass });
    assert.equal(open.code, 1);
    assert.equal(open.stderr.trim().split('\n').length, 1, open.stderr);
    assert.match(open.stderr, /asks for a password and none was given \(.*pgpass is ignored because others can read it \(chmod 600 it\)\)/);
    await assertNowhere(server.password, result.stdout, open.stderr);
  });

  test('a wrong password: one sentence naming the field, the password nowhere', async () => {
    const wrong = 'Wrong-pw-Zx81';
    const result = await runCli(['query', 'SELECT current_user', '--db', url(`:${wrong}`)], baseEnv);
    assert.equal(result.code, 1);
    const lines = result.stderr.trim().split('\n').filter((line) => !/can be seen by other users/.test(line));
    assert.deepEqual(lines, [`session-explorer: Authentication failed for ${url()}: wrong password (set it in ~/.pgpass or PGPASSWORD).`]);
    assert.ok(!result.stderr.includes(wrong));
    const error = await openDatabase(resolveTarget({ db: url(`:${wrong}`) }).target).catch((e: unknown) => e);
    assert.ok(error instanceof ConnectionError && error.field === 'password');
  });

  test('the profile keeps the server and never the password', () => {
    writeProfile(configFile, { database: { kind: 'server', host: server.host, port: server.port, user: server.user, password: server.password } as never });
    assert.equal(fs.statSync(configFile).mode & 0o777, 0o600);
    assert.ok(!fs.readFileSync(configFile, 'utf8').includes(server.password));
    assert.deepEqual(readProfile(configFile), { database: { kind: 'server', host: server.host, port: server.port, user: server.user } });
    fs.rmSync(configFile);
  });
});

describe('--db on the command line', () => {
  test('pg:// or mysql:// is a usage error, and no folder appears', async () => {
    const cwdEntries = fs.readdirSync(dir);
    const result = await runCli(['load', writeFile(dir, 'x.csv', csv([eventLine(1)])), '--db', 'pg://localhost/x'], {
      SESSION_EXPLORER_LOG_DIR: path.join(dir, 'logs2'),
    });
    assert.equal(result.code, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, /not a pg:\/\/ URL/);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => !cwdEntries.includes(f)), ['x.csv']);
  });

  test('a libpq keyword string connects', async () => {
    const u = new URL(serverUrl);
    const keywords = `host=${u.hostname} port=${u.port || 5432} user=${decodeURIComponent(u.username) || 'postgres'} dbname=postgres`;
    const result = await runCli(['query', 'SELECT 1 AS one', '--db', keywords, '--json'], { SESSION_EXPLORER_LOG_DIR: path.join(dir, 'logs3') });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), [{ one: 1 }]);
  });
});
