import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { backends, serverBackend, withFreshDatabase } from './support/backends.js';
import { runCli, startCli } from './support/cli.js';
import { csv, eventLine, tempDir, writeFile } from './support/files.js';
import type { Database } from '../src/db/database.js';
import { openDatabase } from '../src/db/connect.js';
import { createSchema } from '../src/etl/schema.js';
import { loadFile } from '../src/etl/load.js';
import { buildSessions } from '../src/sessions/build.js';

const dir = tempDir();

/** `rows` lines over `distinct` events, each repeat far from its first delivery (other batches, other runs). */
function repeating(rows: number, distinct: number, offset = 0): string {
  return csv(Array.from({ length: rows }, (_, i) => eventLine(offset + ((i * 7919) % distinct))));
}

/** The identity index's object id, or null: a bulk load drops and rebuilds it, a usual load keeps it. */
async function identityIndex(db: { query(sql: string): Promise<{ rows: { oid: unknown }[] }> }): Promise<number | null> {
  const { rows } = await db.query("SELECT to_regclass('mobile_events_identity')::oid::bigint AS oid");
  return rows[0]!.oid === null ? null : Number(rows[0]!.oid);
}

/** What is stored, and what the next sessions build will rebuild: keys marked dirty, or all of them. */
async function stored(db: Database): Promise<{ rows: number; identities: number; dirty: number; fullBuild: boolean }> {
  const { rows } = await db.query<{ rows: number; identities: number; dirty: number; fullBuild: boolean }>(
    `SELECT (SELECT count(*)::int FROM mobile_events) AS rows,
            (SELECT count(DISTINCT (user_key, row_hash))::int FROM mobile_events) AS identities,
            (SELECT count(*)::int FROM session_dirty_keys) AS dirty,
            EXISTS (SELECT FROM explorer_settings WHERE key = 'sessions_full_build') AS "fullBuild"`,
  );
  return rows[0]!;
}

for (const backend of backends.filter((b) => b.name !== 'citus')) {
  describe(`the bulk path of the first load, ${backend.name} backend`, () => {
    test('counts repeats across batches exactly, builds the index once, and later loads take the usual path', async () => {
      await withFreshDatabase(backend, async (db) => {
        await createSchema(db);
        const before = await identityIndex(db);
        const first = await loadFile(db, writeFile(dir, `bulk-first-${backend.name}.csv`, repeating(1000, 300)), { rejectsDir: dir, batchRows: 64 });
        assert.deepEqual([first.read, first.inserted, first.duplicates, first.rejected], [1000, 300, 700, 0]);
        const bulkIndex = await identityIndex(db);
        assert.notEqual(bulkIndex, null);
        assert.notEqual(bulkIndex, before, 'the first load rebuilt the index');
        assert.deepEqual(await stored(db), { rows: 300, identities: 300, dirty: 0, fullBuild: true });
        const built = await buildSessions(db);
        assert.equal(built.mode, 'full');
        assert.deepEqual(await stored(db), { rows: 300, identities: 300, dirty: 0, fullBuild: false });

        // Overlapping the first file and repeating itself: the table is not empty, so the index stays in place.
        const second = await loadFile(db, writeFile(dir, `bulk-second-${backend.name}.csv`, repeating(500, 250, 200)), { rejectsDir: dir, batchRows: 64 });
        assert.deepEqual([second.read, second.inserted, second.duplicates, second.rejected], [500, 150, 350, 0]);
        assert.equal(await identityIndex(db), bulkIndex, 'the second load kept the index');
        assert.deepEqual(await stored(db), { rows: 450, identities: 450, dirty: 7, fullBuild: false });
        assert.equal((await buildSessions(db)).mode, 'incremental');
        const { rows: ledger } = await db.query<{ read: number; inserted: number; duplicates: number; status: string }>(
          'SELECT read_rows::int AS read, inserted::int, duplicates::int, status FROM load_runs ORDER BY id',
        );
        assert.deepEqual(ledger, [
          { read: 1000, inserted: 300, duplicates: 700, status: 'done' },
          { read: 500, inserted: 150, duplicates: 350, status: 'done' },
        ]);
      });
    });
  });
}

describe('a bulk load killed between batches, before its index', () => {
  const ROWS = 20_000;
  const DISTINCT = 6_000;
  for (const finisher of ['the rerun', 'the schema step'] as const) {
    test(`is finished by ${finisher}, with exact counts`, async () => {
      const fresh = await serverBackend.create();
      try {
        const file = writeFile(dir, `bulk-killed-${finisher.replace(/ /g, '-')}.csv`, repeating(ROWS, DISTINCT));
        const args = ['load', file, '--db', fresh.url, '--json'];
        const env = { SESSION_EXPLORER_LOG_DIR: dir };
        const child = startCli([...args, '--batch-rows', '10'], env);
        const exited = new Promise((resolve) => child.on('exit', resolve));
        const watcher = new pg.Client({ connectionString: fresh.url });
        await watcher.connect();
        const deadline = Date.now() + 60_000;
        for (;;) {
          const { rows } = await watcher.query("SELECT committed_line FROM load_runs WHERE status = 'running'").catch(() => ({ rows: [] }));
          // past the first repeats (line 2 onwards repeats within DISTINCT lines), so some are stored twice
          if (Number(rows[0]?.committed_line ?? 0) > DISTINCT + 500) break;
          if (Date.now() > deadline) throw new Error('timed out waiting for committed batches');
          await new Promise((r) => setTimeout(r, 20));
        }
        child.kill('SIGKILL');
        await exited;
        assert.equal(await identityIndex(watcher), null, 'killed before the index was built');
        const { rows: cut } = await watcher.query<{ n: number; identities: number }>(
          'SELECT count(*)::int AS n, count(DISTINCT row_hash)::int AS identities FROM mobile_events',
        );
        assert.ok(cut[0]!.n > cut[0]!.identities, 'repeats are stored until the bulk load is finished');
        const { rows: asked } = await watcher.query("SELECT count(*)::int AS n FROM explorer_settings WHERE key = 'sessions_full_build'");
        assert.equal(asked[0]!.n, 1, 'a sessions build before the rerun still covers the rows of the cut-off load');
        await watcher.end();

        if (finisher === 'the schema step') {
          const db = await openDatabase(fresh.target);
          try {
            await createSchema(db);
            assert.notEqual(await identityIndex(db), null);
            const { rows } = await db.query<{ read: number; inserted: number; duplicates: number; rejected: number; committed: number }>(
              'SELECT read_rows::int AS read, inserted::int, duplicates::int, rejected::int, committed_line::int AS committed FROM load_runs',
            );
            const run = rows[0]!;
            const counts = await stored(db);
            assert.equal(run.read, run.inserted + run.duplicates + run.rejected);
            assert.equal(run.inserted, counts.rows);
            assert.equal(counts.rows, counts.identities);
            assert.equal(counts.fullBuild, true);
          } finally {
            await db.close();
          }
        }

        const rerun = await runCli(args, env);
        assert.equal(rerun.code, 0, rerun.stderr);
        const summary = JSON.parse(rerun.stdout);
        assert.equal(summary.resumed, true);
        assert.deepEqual([summary.read, summary.inserted, summary.duplicates, summary.rejected], [ROWS, DISTINCT, ROWS - DISTINCT, 0]);
        const db = await openDatabase(fresh.target);
        try {
          const counts = await stored(db);
          assert.equal(counts.rows, DISTINCT);
          assert.equal(counts.identities, DISTINCT);
          const { rows } = await db.query<{ runs: number }>('SELECT count(*)::int AS runs FROM load_runs');
          assert.equal(rows[0]!.runs, 1);
        } finally {
          await db.close();
        }
      } finally {
        await fresh.drop();
      }
    });
  }
});
