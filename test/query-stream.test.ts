import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import pg from 'pg';
import { backends, serverBackend, type TestBackend } from './support/backends.js';
import { databaseWithSessions, randomEvents, type FixtureEvent } from './support/session-fixtures.js';
import { tempDir } from './support/files.js';
import { runCli, startCli, type CliResult } from './support/cli.js';
import { openDatabase } from '../src/db/connect.js';
import { ClientCopyRefused, type Database } from '../src/db/database.js';
import { runningServer, SOCKET_PORT } from '../src/db/embedded/server-process.js';
import { targetFromText } from '../src/config/target.js';
import { runQuery } from '../src/sessions/queries.js';
import { readOnlyLine } from '../src/ui/screens/query.js';

const config = path.join(tempDir(), 'no-profile.json');
const ENV = { SESSION_EXPLORER_CONFIG: config, DATABASE_URL: '' };

function cli(db: string, ...args: string[]): Promise<CliResult> {
  return runCli([...args, '--db', db], ENV);
}

/** A superuser's view of the backend's server, where every session's statement shows in pg_stat_activity. */
function superuserClient(backend: TestBackend, url: string): pg.Client {
  if (backend.name !== 'embedded') return new pg.Client({ connectionString: url });
  return new pg.Client({ host: runningServer(url)!.socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' });
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Text with every kind of character a COPY must carry: separators, quotes, line ends, controls, backslashes, non-ASCII. */
function awkwardText(): string {
  const pieces = [',', ';', '"', "'", '\n', '\r\n', '\t', '\\', '\\N', '\u001b[31m', '\u0085', 'é', '東京', '👩\u200d💻', 'plain', ' '];
  return Array.from({ length: 1 + randomInt(8) }, () => pieces[randomInt(pieces.length)]).join('');
}

function csvField(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

for (const backend of backends) {
  describe(`query on the ${backend.name} backend`, () => {
    test('COPY TO STDOUT streams the data as is, COPY FROM STDIN reads standard input with --write, and both are refused elsewhere', async () => {
      const fresh = await backend.create();
      try {
        const table = `copied_${randomBytes(3).toString('hex')}`;
        assert.equal((await cli(fresh.url, 'query', `CREATE TABLE ${table} (n int, t text)`, '--write')).code, 0);
        const rows = Array.from({ length: 200 + randomInt(300) }, (_, i) => [i, i % 17 === 0 ? null : awkwardText()] as const);
        const csv = rows.map(([n, t]) => `${n},${t === null ? '' : csvField(t)}\n`).join('');

        const refused = await runCli(['query', `COPY ${table} FROM STDIN (FORMAT csv)`, '--db', fresh.url], ENV, csv);
        assert.equal(refused.code, 2, refused.stderr);
        assert.match(refused.stderr, /--write/);
        const copied = await runCli(['query', `/* in */ copy ${table} (n, t) from stdin with (format csv)`, '--write', '--db', fresh.url], ENV, csv);
        assert.equal(copied.code, 0, copied.stderr);
        assert.equal(copied.stdout, `(COPY ${rows.length})\n`);

        const out = await cli(fresh.url, 'query', `COPY (SELECT n, t FROM ${table} ORDER BY n) TO STDOUT (FORMAT csv, FORCE_QUOTE (t))`);
        assert.equal(out.code, 0, out.stderr);
        assert.equal(out.stdout, csv, 'the data comes back byte for byte');
        assert.equal(out.stderr, '');

        // one statement only: a COPY cannot end the read-only transaction around it
        const smuggled = await cli(fresh.url, 'query', `COPY (SELECT 1) TO STDOUT; COMMIT; DROP TABLE ${table}`);
        assert.equal(smuggled.code, 1);
        const broken = await cli(fresh.url, 'query', 'COPY (SELEC 1) TO STDOUT');
        assert.match(broken.stderr, /syntax error/);

        const db = await openDatabase(fresh.target);
        try {
          for (const [sql, direction] of [[`COPY ${table} TO STDOUT`, 'out'], [`COPY ${table} FROM STDIN`, 'in']] as const) {
            await assert.rejects(runQuery(db, sql, { write: true }), (error: unknown) => error instanceof ClientCopyRefused && error.direction === direction);
          }
          // the console's connections are still good after a refusal
          assert.deepEqual((await runQuery(db, `SELECT count(*) FROM ${table}`)).rows, [[String(rows.length)]]);
        } finally {
          await db.close();
        }
      } finally {
        await fresh.drop();
      }
    });

    test('Ctrl-C cancels the statement on the server, then the command exits 130', async () => {
      const fresh = await backend.create();
      // held open so that the embedded server outlives the command and can be asked what still runs
      const db = await openDatabase(fresh.target);
      const admin = superuserClient(backend, fresh.url);
      await admin.connect();
      try {
        const marker = `marker_${randomBytes(4).toString('hex')}`;
        const running = async () =>
          Number((await admin.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()`, [`%${marker}%`])).rows[0].n);
        const child = startCli(['query', `SELECT pg_sleep(3600) AS ${marker}`, '--db', fresh.url], ENV);
        let stderr = '';
        child.stderr!.on('data', (chunk) => (stderr += chunk));
        const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
        await until(async () => (await running()) > 0, 'the statement to start');
        child.kill('SIGINT');
        assert.equal(await exited, 130, stderr);
        assert.match(stderr, /Cancelled/);
        await until(async () => (await running()) === 0, 'the statement to stop on the server');
      } finally {
        await admin.end();
        await db.close();
        await fresh.drop();
      }
    });

    test("a statement never waits on the app's locks: a lock it cannot get fails within the lock timeout", async () => {
      const fresh = await backend.create();
      const db = await openDatabase(fresh.target);
      try {
        const table = `locked_${randomBytes(3).toString('hex')}`;
        await db.exec(`CREATE TABLE ${table} (n int)`);
        const key = randomInt(1, 2 ** 31);
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let held!: () => void;
        const holding = new Promise<void>((resolve) => (held = resolve));
        const holder = db.transaction(async (tx) => {
          await tx.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
          await tx.query('SELECT pg_advisory_xact_lock($1)', [key]);
          held();
          await released;
        });
        await holding;
        try {
          for (const write of [false, true]) {
            // 55P03: lock_not_available (the timeout); 42501: the embedded reader may not take advisory locks at all
            await assert.rejects(runQuery(db, `SELECT count(*) FROM ${table}`, { write }), { code: '55P03' });
            await assert.rejects(runQuery(db, `SELECT pg_advisory_lock(${key})`, { write }), (error: { code?: string }) =>
              ['55P03', ...(backend.name === 'embedded' && !write ? ['42501'] : [])].includes(error.code ?? ''),
            );
          }
        } finally {
          release();
          await holder;
        }
        // a lock taken for the session goes with the statement: it does not stay behind on a pooled connection
        const kept = randomInt(1, 2 ** 31);
        await runQuery(db, `SELECT pg_advisory_lock(${kept}), pg_advisory_lock_shared(${kept} + 1)`, { write: true });
        const { rows } = await db.query<{ n: number }>("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid IN ($1, $2)", [kept, kept + 1]);
        assert.equal(rows[0]!.n, 0);
        if (backend.name === 'embedded') {
          // the presence lock every app holds: the reader cannot even try it
          for (const fn of ['pg_advisory_lock(727412)', 'pg_try_advisory_lock_shared(727412)', 'pg_advisory_unlock_all()']) {
            await assert.rejects(runQuery(db, `SELECT ${fn}`), { code: '42501' }, fn);
          }
        }
      } finally {
        await db.close();
        await fresh.drop();
      }
    });

    test('a reader that stops early (| head) ends the command, rows or COPY, with exit 0', async () => {
      const fresh = await backend.create();
      try {
        const big = 'generate_series(1, 5000000) g';
        for (const args of [['query', `COPY (SELECT g FROM ${big}) TO STDOUT`], ['query', `SELECT g FROM ${big}`, '--json'], ['query', `SELECT g FROM ${big}`]]) {
          const child = startCli([...args, '--db', fresh.url], ENV);
          let stderr = '';
          child.stderr!.on('data', (chunk) => (stderr += chunk));
          child.stdout!.once('data', () => child.stdout!.destroy());
          const code = await new Promise((resolve) => child.on('close', resolve));
          assert.equal(code, 0, `${args.join(' ')}: ${stderr}`);
          assert.equal(stderr, '');
        }
      } finally {
        await fresh.drop();
      }
    });

    test('rows are written as they arrive: memory does not grow with them', async () => {
      const fresh = await backend.create();
      try {
        const rows = 1_000_000;
        for (const format of backend.name === 'server' ? ['--json', '--csv', '--no-color'] : ['--json']) {
          // a heap far smaller than the rows: holding them (about 150 MB) would end in "heap out of memory"
          const child = startCli(['query', `SELECT g, md5(g::text) AS h, g * 1.5 AS x FROM generate_series(1, ${rows}) g`, format, '--db', fresh.url], {
            ...ENV,
            NODE_OPTIONS: '--max-old-space-size=64',
          });
          let lines = 0;
          let stderr = '';
          child.stdout!.on('data', (chunk: Buffer) => {
            for (const byte of chunk) if (byte === 10) lines++;
          });
          child.stderr!.on('data', (chunk) => (stderr += chunk));
          const code = await new Promise((resolve) => child.on('close', resolve));
          assert.equal(code, 0, `${format}: ${stderr}`);
          // JSON: [ and ] around one line per row; CSV: a header; the table: header, rule and footer
          assert.equal(lines, rows + (format === '--json' ? 2 : format === '--csv' ? 1 : 3), format);
        }
      } finally {
        await fresh.drop();
      }
    });
  });
}

/** Every control character a terminal acts on, C0 (but NUL, which PostgreSQL cannot store), DEL, C1 and the bidi controls. */
const CONTROLS = [
  ...Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)),
  ...Array.from({ length: 33 }, (_, i) => String.fromCharCode(0x7f + i)),
  '\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u2028', '\u2029',
];
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;

/** Ids made of every control character, a few at a time, with letters between: each user holds a different mix. */
function hostileIds(): string[] {
  const shuffled = [...CONTROLS].sort(() => Math.random() - 0.5);
  const ids: string[] = [];
  for (let i = 0; i < shuffled.length; i += 5) ids.push(`Hostile-${i}-\u001b[2J${shuffled.slice(i, i + 5).join('x')}`);
  return ids;
}

for (const backend of backends) {
  describe(`text and scripts on the ${backend.name} backend`, () => {
    test('scripts get every user, a table one screen and a note on stderr, and no control character reaches a terminal', async () => {
      const ids = hostileIds();
      const users = 60 + randomInt(40);
      const events: FixtureEvent[] = [
        ...randomEvents(randomInt(1000), users, 3),
        ...ids.map((anonymousId, i) => ({ anonymousId, deviceId: `dev\u001b]0;title\u0007${i}`, createdAt: `2020-06-0${1 + (i % 9)} 08:00:00`, eventName: `Application Opened\u009b31m${i}` })),
      ];
      const fresh = await databaseWithSessions(backend, events);
      try {
        const all = await cli(fresh.url, 'users', '--json');
        assert.equal(all.code, 0, all.stderr);
        assert.equal(all.stderr, '');
        const listed = JSON.parse(all.stdout) as { anonymousId: string }[];
        assert.equal(listed.length, users + ids.length);
        // JSON keeps the data exact
        for (const id of ids) assert.ok(listed.some((u) => u.anonymousId === id), JSON.stringify(id));

        const csv = await cli(fresh.url, 'users', '--csv', '--sort', 'anonymous_id');
        assert.equal(csv.code, 0, csv.stderr);
        assert.ok(ids.every((id) => csv.stdout.includes(id.includes('"') ? id.replace(/"/g, '""') : id)), 'CSV keeps the data exact');

        const limited = await cli(fresh.url, 'users', '--json', '--limit', '7');
        assert.equal((JSON.parse(limited.stdout) as unknown[]).length, 7);
        assert.match(limited.stderr, new RegExp(`Showing 7 of ${users + ids.length} users`));

        const table = await cli(fresh.url, 'users', '--sort', 'anonymous_id', '--limit', String(users + ids.length));
        assert.equal(table.code, 0, table.stderr);
        const screen = await cli(fresh.url, 'users');
        assert.equal(screen.stdout.trimEnd().split('\n').length, 2 + 50 + 1, 'header, rule, one screen of users, footer');
        assert.match(screen.stderr, /Showing 50 of .*--limit/);
        const help = await runCli(['users', '--help'], ENV);
        assert.match(help.stdout, /default: 50 in the table, every user with --json or --csv/);

        const texts: CliResult[] = [table];
        for (const id of ids.slice(0, 2)) {
          texts.push(await cli(fresh.url, 'sessions', id), await cli(fresh.url, 'events', id));
          texts.push(await cli(fresh.url, 'sessions', `${id}-missing`));
        }
        texts.push(await cli(fresh.url, 'query', `SELECT anonymous_id AS "a\u001b[2Jb", event_name FROM mobile_events WHERE anonymous_id LIKE 'Hostile%'`));
        for (const { stdout, stderr } of texts) {
          assert.ok(!UNSAFE.test(stdout), `stdout: ${JSON.stringify(stdout.match(UNSAFE))} in ${JSON.stringify(stdout.slice(0, 300))}`);
          assert.ok(!UNSAFE.test(stderr), `stderr: ${JSON.stringify(stderr)}`);
        }
        assert.match(table.stdout, /\^\[\[2J/);
        assert.match(texts.at(-1)!.stdout, /<U\+009B>31m/);
      } finally {
        await fresh.drop();
      }
    });
  });
}

describe("the console's mode line tells each kind of user what read-only means", () => {
  test('a non-superuser owner is told it is a transaction mode, and dblink is named once installed', async () => {
    const fresh = await serverBackend.create();
    const role = `se_test_owner_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: fresh.url });
    await admin.connect();
    let db: Database | undefined;
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN; GRANT ALL ON SCHEMA public TO ${role}`);
      const asOwner = new URL(fresh.url);
      asOwner.username = role;
      const open = () => openDatabase(targetFromText(asOwner.toString()));
      db = await open();
      assert.deepEqual(db.readOnly, { runsAs: 'user', reachOut: [] });
      await db.close();
      await admin.query('CREATE EXTENSION IF NOT EXISTS dblink; CREATE EXTENSION IF NOT EXISTS postgres_fdw');
      db = await open();
      assert.deepEqual(db.readOnly, { runsAs: 'user', reachOut: ['dblink', 'postgres_fdw'] });
      const line = readOnlyLine(db.readOnly);
      assert.match(line, /read-only is a transaction mode here, not a permission/);
      assert.match(line, /dblink and postgres_fdw can still write elsewhere/);
      assert.doesNotMatch(line, /superuser/);
    } finally {
      await db?.close();
      await admin.query(`DROP OWNED BY ${role}`);
      await admin.end();
      await fresh.drop();
      const server = new pg.Client({ connectionString: new URL('/postgres', fresh.url).toString() });
      await server.connect();
      await server.query(`DROP ROLE IF EXISTS ${role}`);
      await server.end();
    }
  });
});
