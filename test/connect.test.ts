import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, ConnectionError } from '../src/db/connect.js';
import { readConnectionText } from '../src/config/conninfo.js';
import { defaultSocketFolder, describeServer, pgConnectionConfig, resolveServer } from '../src/config/resolve.js';
import { describeTarget, resolveTarget, targetFromText } from '../src/config/target.js';
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
      port: '6543',
      dbname: 'x',
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
      port: '5433',
      dbname: 'my events',
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
    for (const text of ['postgres://user:Zq12/Xs9@host:5433/db', 'postgres://user:Zq@Xs9@host/db', 'postgres://u:Zq Xs9/c@h/d', 'postgres://u:Zq%zXs9@h/d']) {
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
    const given = resolveServer({ host: 'h', user: 'ann', dbname: 'd' }, env);
    assert.deepEqual([given.host.value, given.user.value, given.database.value, given.port.value], ['h', 'ann', 'd', 6000]);
    const defaults = resolveServer({}, { USER: 'login' });
    assert.deepEqual([defaults.host.value, defaults.port.value, defaults.user.value, defaults.database.value], [defaultSocketFolder(), 5432, 'login', 'login']);
    assert.equal(defaults.socket, true, 'no host means the socket, as in libpq');
    assert.deepEqual(defaults.sslmode, { value: 'prefer', source: 'the default' });
  });

  test('what is shown is built from the settings, so no password can be in it', () => {
    const spec = serverOf('postgresql://ann:hunter2@db:5432/x?password=other');
    assert.equal(describeTarget({ kind: 'server', spec }, {}), 'postgresql://ann@db:5432/x');
    assert.equal(describeServer(resolveServer({ host: '/run/pg', user: 'ann', dbname: 'x' }, {})), 'postgresql://ann@/x?host=%2Frun%2Fpg');
    assert.equal(describeServer(resolveServer({ host: '/tmp/x', port: '5434', user: 'ann', dbname: 'x' }, {})), 'postgresql://ann@:5434/x?host=%2Ftmp%2Fx');
    assert.equal(describeServer(resolveServer({ host: '::1', user: 'ann', dbname: 'x' }, {})), 'postgresql://ann@[::1]:5432/x');
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
    assert.match(error.message, /^Cannot connect to .*se_no_such_database: database "se_no_such_database" does not exist \(create it, or choose another\)\.$/);
    assert.equal(error.missingDatabase, true);
  });

  test("a user the server does not know: the server's own reason", async () => {
    const error = await connectionError(withPath({ user: 'se_no_such_role' }));
    assert.match(error.message, /^Authentication failed for .*se_no_such_role.*: role "se_no_such_role" does not exist\.$/);
    assert.equal(error.field, 'user');
    const cli = await runCli(['query', 'SELECT 1', '--db', 'postgresql://nosuchuser@127.0.0.1:5432/postgres'], { SESSION_EXPLORER_LOG_DIR: path.join(dir, 'logs-role') });
    assert.equal(cli.code, 1);
    assert.equal(cli.stderr.trim(), 'session-explorer: Authentication failed for postgresql://nosuchuser@127.0.0.1:5432/postgres: role "nosuchuser" does not exist.');
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
    assert.deepEqual(lines, [
      `session-explorer: Authentication failed for ${url()}: password authentication failed for user "${server.user}" (set the password in ~/.pgpass or PGPASSWORD).`,
    ]);
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

describe("libpq's rules for what is accepted", () => {
  function refused(text: string, env: NodeJS.ProcessEnv = {}): string {
    let message = '';
    assert.throws(
      () => resolveTarget({ db: text, env }),
      (error: unknown) => {
        assert.ok(error instanceof UserError && error.exitCode === 2, String(error));
        assert.ok(!error.message.includes('\n') && /\.$|\)$/.test(error.message), error.message);
        message = error.message;
        return true;
      },
      text,
    );
    return message;
  }

  test('an unknown parameter or keyword is an error, with the one that was meant; keywords are case-sensitive', () => {
    assert.match(refused('postgresql://h/db?sslmod=require'), /^The parameter "sslmod" in --db is not a libpq connection setting \(did you mean sslmode\?\)\.$/);
    assert.match(refused('postgresql://h/db?SSLMODE=require'), /"SSLMODE" .* \(did you mean sslmode\? Keywords are lower case\.\)/);
    assert.match(refused('host=h sslmod=require'), /keyword "sslmod"/);
    assert.match(refused('SSLMODE=require host=h'), /keyword "SSLMODE"/);
    assert.match(refused('hots=db1'), /keyword "hots" .*did you mean host\?/);
    assert.match(refused('a=b'), /keyword "a" in --db is not a libpq connection setting\.$/);
    assert.match(refused('postgresql://h/db?ssl=false'), /parameter "ssl"/, 'libpq knows ssl=true only');
    for (const keyword of ['application_nam', 'conect_timeout', 'xyz_totally_new', 'Host']) refused(`postgresql://h/db?${keyword}=1`);
    assert.doesNotMatch(refused('postgresql://h/db?Sec-ret-77'), /Sec-ret-77/, 'a parameter without = may be a misplaced password');
    assert.doesNotMatch(refused('host=h sslpassword=Sec-ret-77 sslmode=requir'), /Sec-ret-77/);
  });

  test('a bad sslmode, port or timeout is an error, from the text or from a PG* variable', () => {
    assert.match(refused('postgresql://h/db', { PGSSLMODE: 'REQUIRE' }), /^The sslmode \(from PGSSLMODE\) must be one of disable, allow, prefer, require, verify-ca, verify-full, not "REQUIRE"\.$/);
    assert.match(refused('postgresql://h/db', { PGSSLMODE: 'requir' }), /not "requir"/);
    assert.match(refused('postgresql://h/db', { PGPORT: 'abc' }), /^The port \(from PGPORT\) must be a whole number from 1 to 65535, not "abc"\.$/);
    assert.match(refused('postgresql://h/db', { PGPORT: '99999' }), /not "99999"/);
    assert.match(refused('postgresql://h:0/db'), /^The port must be/);
    assert.match(refused('host=h connect_timeout=soon'), /connect_timeout must be a whole number/);
    assert.match(refused('host=h target_session_attrs=master'), /target_session_attrs must be one of any, read-write/);
    assert.match(refused('host=h sslmode=verify-ca', { PGSSLROOTCERT: '/no/such/ca.crt' }), /\/no\/such\/ca\.crt does not exist/);
  });

  test('what node-postgres cannot do is refused in one sentence, never dropped', () => {
    assert.match(refused('host=a,b,c port=1,2'), /^The port has 2 values for 3 hosts: give one, or one per host\.$/);
    assert.match(refused('postgresql://h1,h2/db', { PGHOSTADDR: '10.0.0.1,10.0.0.2,10.0.0.3' }), /hostaddr \(from PGHOSTADDR\) has 3 values for 2 hosts/);
    assert.match(refused('host=h hostaddr=10.0.0.1,10.0.0.2'), /hostaddr has 2 values for 1 host:/);
    assert.match(refused('host=h gssencmode=require'), /^gssencmode=require cannot be honoured: node-postgres, which the app connects with, has no GSSAPI encryption\.$/);
    assert.match(refused('host=h', { PGREQUIREPEER: 'postgres' }), /requirepeer=postgres \(from PGREQUIREPEER\) cannot be honoured/);
    assert.match(refused('host=h client_encoding=LATIN1'), /reads text as UTF-8/);
  });

  test('the last value wins; ?dbname= beats the path; empty keyword values mean the default', () => {
    assert.equal(serverOf('postgresql://h/db?sslmode=disable&sslmode=require').sslmode, 'require');
    assert.equal(serverOf('sslmode=disable host=h sslmode=verify-full').sslmode, 'verify-full');
    assert.equal(serverOf('postgresql://h/a?dbname=b').dbname, 'b');
    assert.equal(serverOf('postgresql://h/a?dbname=b&').dbname, 'b', 'a & at the end adds nothing, as in libpq');
    assert.throws(() => serverOf('postgresql://h/a?&dbname=b'), /a parameter has no `=`/);
    const settings = resolveServer(serverOf("host='' port='' dbname=x"), { PGHOST: 'envhost', PGPORT: '6000' });
    assert.deepEqual([settings.host.value, settings.port.value], [defaultSocketFolder(), 5432], 'given empty: libpq takes the default, not PG*');
    assert.equal(serverOf('host= port=5433').host, 'port=5433', 'libpq skips the spaces after = and reads the next word');
  });

  test('application_name, connect_timeout, hostaddr and keepalives reach the driver as libpq means them', () => {
    const config = pgConnectionConfig(serverOf('postgresql://db.example/x?hostaddr=10.1.2.3&application_name=nightly&connect_timeout=1&keepalives_idle=30'), {});
    assert.deepEqual(
      [config.host, config.application_name, config.connectionTimeoutMillis, config.keepAlive, config.keepAliveInitialDelayMillis, config.tlsPlan],
      ['10.1.2.3', 'nightly', 2000, true, 30_000, 'prefer'],
    );
    assert.equal((config.ssl as { servername?: string }).servername, 'db.example', 'the certificate is checked against the host, not the address');
    assert.equal(pgConnectionConfig(serverOf('host=h connect_timeout=0'), {}).connectionTimeoutMillis, 0, 'libpq: 0 waits for ever');
    assert.equal(pgConnectionConfig(serverOf('host=h'), { PGAPPNAME: 'from-env' }).application_name, 'from-env');
    assert.equal(pgConnectionConfig(serverOf('host=/tmp/x sslmode=verify-full'), {}).tlsPlan, 'none', 'no TLS over a socket, as in libpq');
    assert.equal(pgConnectionConfig(serverOf('host=h keepalives=0'), {}).keepAlive, false);
  });

  test('socket folders, IPv6 literals, hostaddr, the password in a URL with special characters', () => {
    assert.deepEqual(serverOf('postgresql://app@:5434/db?host=/tmp/x'), { user: 'app', port: '5434', dbname: 'db', host: '/tmp/x' });
    assert.deepEqual(serverOf('postgresql://[fe80::1%25eth0]:5433/db'), { host: 'fe80::1%eth0', port: '5433', dbname: 'db' });
    assert.deepEqual(serverOf('postgres://user:Zq#Xs9@host/db'), { user: 'user', password: 'Zq#Xs9', host: 'host', dbname: 'db' }, 'libpq takes # as is');
    const viaAddr = resolveServer(serverOf('postgresql://db.example/x?hostaddr=10.1.2.3'), {});
    assert.deepEqual([viaAddr.host.value, viaAddr.hostaddr, viaAddr.socket], ['db.example', '10.1.2.3', false]);
    assert.equal(describeServer(resolveServer(serverOf('host=/tmp/x port=5434 dbname=d user=u'), {})), 'postgresql://u@:5434/d?host=%2Ftmp%2Fx');
  });

  test('a service file fills what was not given, before the PG* variables; PGSERVICEFILE, then PGSYSCONFDIR', () => {
    const folder = fs.mkdtempSync(path.join(dir, 'service-'));
    const own = writeFile(folder, 'own.conf', '# mine\n[app]\nhost=svc-host\nport=6001\n dbname=svc db\n\n[other]\nhost=elsewhere\n');
    writeFile(folder, 'pg_service.conf', '[sys]\nhost=sys-host\nuser=sys-user\n');
    const env = { PGSERVICEFILE: own, PGSYSCONFDIR: folder, PGHOST: 'envhost', PGPORT: '7000', PGUSER: 'envuser' };
    const fromKeyword = resolveServer(serverOf('service=app port=5999'), env);
    assert.deepEqual(
      [fromKeyword.host, fromKeyword.port.value, fromKeyword.database.value, fromKeyword.user.value],
      [{ value: 'svc-host', source: `service "app" in ${own}` }, 5999, 'svc db', 'envuser'],
    );
    assert.equal(resolveServer(serverOf('postgresql:///?service=sys'), env).host.value, 'sys-host');
    assert.equal(resolveServer({}, { ...env, PGSERVICE: 'sys' }).user.value, 'sys-user');
    assert.match(refused('service=nope', env), /^The service "nope" is not defined in .*own\.conf or .*pg_service\.conf\.$/);
    const broken = writeFile(folder, 'broken.conf', '[app]\nhost = spaced\n');
    assert.match(refused('service=app', { PGSERVICEFILE: broken }), /broken\.conf, line 2 is not a libpq setting/);
    const nested = writeFile(folder, 'nested.conf', '[app]\nservice=other\n');
    assert.match(refused('service=app', { PGSERVICEFILE: nested }), /line 2 names another service/);
  });

  test('a service file connects, and its password is used and shown nowhere', async () => {
    const u = new URL(serverUrl);
    const folder = fs.mkdtempSync(path.join(dir, 'service-'));
    const file = writeFile(folder, 'services.conf', `[events]\nhost=${u.hostname}\nport=${u.port || 5432}\nuser=postgres\ndbname=postgres\npassword=Svc-secret-91\napplication_name=se-service-probe\n`);
    const result = await runCli(['query', "SELECT current_setting('application_name') AS app", '--db', 'service=events', '--json'], {
      PGSERVICEFILE: file,
      SESSION_EXPLORER_LOG_DIR: path.join(dir, 'logs-service'),
    });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), [{ app: 'se-service-probe' }]);
    assert.ok(!`${result.stdout}${result.stderr}`.includes('Svc-secret-91'));
    const logs = path.join(dir, 'logs-service');
    for (const file of fs.existsSync(logs) ? fs.readdirSync(logs, { recursive: true }).map(String) : []) {
      const full = path.join(logs, file);
      if (fs.statSync(full).isFile()) assert.ok(!fs.readFileSync(full, 'utf8').includes('Svc-secret-91'), `the password is in ${file}`);
    }
  });

  test('PGPORT=abc is one sentence and exit 2, at once', async () => {
    const result = await runCli(['query', 'SELECT 1', '--db', 'host=127.0.0.1'], { PGPORT: 'abc', SESSION_EXPLORER_LOG_DIR: path.join(dir, 'logs-port') });
    assert.equal(result.code, 2);
    assert.equal(result.stderr.trim(), 'session-explorer: The port (from PGPORT) must be a whole number from 1 to 65535, not "abc".');
  });

  test('several hosts are tried in turn, with target_session_attrs, from the text or PGHOST', async () => {
    const u = new URL(serverUrl);
    const [host, port] = [u.hostname, u.port || '5432'];
    const two = `postgresql://postgres@${host}:1,${host}:${port}/postgres`;
    assert.equal(describeTarget(targetFromText(two), {}), `postgresql://postgres@${host}:1/postgres or postgresql://postgres@${host}:${port}/postgres`);
    for (const text of [two, `${two}?target_session_attrs=prefer-standby`, `${two}?load_balance_hosts=random`]) {
      const db = await openDatabase(targetFromText(text), { env: {} });
      assert.equal(db.description, `postgresql://postgres@${host}:${port}/postgres`, text);
      await db.close();
    }
    const fromEnv = await openDatabase(targetFromText('dbname=postgres user=postgres'), { env: { PGHOST: `${host},${host}`, PGPORT: `1,${port}` } });
    await fromEnv.close();
    const error = await openDatabase(targetFromText(`${two}?target_session_attrs=standby`), { env: {} }).catch((e: unknown) => e);
    assert.ok(error instanceof ConnectionError);
    assert.match(error.message, /^None of the 2 hosts would do; the last one tried: The server at .* does not suit target_session_attrs=standby: it is not a standby\.$/);
  });

  test('no host means the default socket folder; target_session_attrs is checked on the one host', async () => {
    const socket = await openDatabase(targetFromText('user=postgres dbname=postgres'), { env: { USER: 'postgres' } });
    try {
      const { rows } = await socket.query<{ local: boolean }>('SELECT inet_server_addr() IS NULL AS local');
      assert.equal(rows[0]!.local, true, 'connected through the socket, not TCP');
    } finally {
      await socket.close();
    }
    const u = new URL(serverUrl);
    const base = `host=${u.hostname} port=${u.port || 5432} user=postgres dbname=postgres`;
    await (await openDatabase(targetFromText(`${base} target_session_attrs=read-write`), { env: {} })).close();
    const error = await openDatabase(targetFromText(`${base} target_session_attrs=standby`), { env: {} }).catch((e: unknown) => e);
    assert.ok(error instanceof ConnectionError);
    assert.match(error.message, /does not suit target_session_attrs=standby: it is not a standby\.$/);
  });
});
