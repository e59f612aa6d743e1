import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { backends, serverBackend, withFreshDatabase } from './support/backends.js';
import { runCli, startCli } from './support/cli.js';
import { csv, eventLine, tempDir, writeFile } from './support/files.js';
import { openDatabase } from '../src/db/connect.js';
import { createSchema } from '../src/etl/schema.js';
import { loadFile } from '../src/etl/load.js';

const dir = tempDir();
const ROWS = 3000;
const content = csv(Array.from({ length: ROWS }, (_, i) => eventLine(i)));
// Enough one-row-per-ten batches that the load is surely still running when it is seen to have committed one:
// the embedded child is only seen through its status lines, which come every two seconds.
const KILL_ROWS = { embedded: 100_000, server: 20_000, citus: 20_000 };
const logEnv = { SESSION_EXPLORER_LOG_DIR: dir };

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a load cut off by the server going away', () => {
  test('is recorded, and the rerun finishes it with exact counts', async () => {
    await withFreshDatabase(serverBackend, async (db, url) => {
      await createSchema(db);
      const file = writeFile(dir, 'server-gone.csv', content);
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      let terminating: Promise<unknown> | undefined;
      await assert.rejects(
        loadFile(db, file, {
          rejectsDir: dir,
          batchRows: 100,
          onProgress: (progress) => {
            if (terminating || progress.inserted === 0) return;
            // What a server restart does to every session of the app.
            terminating = admin.query(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'session-explorer'",
            );
          },
        }),
        /The load stopped after line \d+ \(.*\); run the same command again to finish it\./,
      );
      await terminating;
      await admin.end();

      const resumed = await loadFile(db, file, { rejectsDir: dir, batchRows: 100 });
      assert.equal(resumed.resumedRunId, resumed.runId);
      assert.deepEqual([resumed.read, resumed.inserted, resumed.duplicates, resumed.rejected], [ROWS, ROWS, 0, 0]);
      const { rows } = await db.query<{ n: number; runs: number }>(
        'SELECT (SELECT count(*) FROM mobile_events) AS n, (SELECT count(*) FROM load_runs) AS runs',
      );
      assert.deepEqual(rows[0], { n: ROWS, runs: 1 });
    });
  });
});

for (const backend of backends) {
  describe(`a load killed with SIGKILL on the ${backend.name} backend`, () => {
    test('leaves whole batches only, and the same command finishes the job', async () => {
      const fresh = await backend.create();
      try {
        // Small batches, so that the load is still running when it is killed.
        const expected = KILL_ROWS[backend.name];
        const file = writeFile(dir, `killed-${backend.name}.csv`, csv(Array.from({ length: expected }, (_, i) => eventLine(i))));
        const args = ['load', file, '--db', fresh.url, '--json'];
        const child = startCli([...args, '--batch-rows', '10'], logEnv);
        const exited = new Promise((resolve) => child.on('exit', resolve));

        // Watch the ledger from outside; the embedded folder is locked by the child, so read its log instead.
        let progressed = false;
        child.stderr!.on('data', (chunk: Buffer) => {
          if (/load: .*[1-9][\d,]* new/.test(chunk.toString())) progressed = true;
        });
        if (backend.name !== 'embedded') {
          const watcher = new pg.Client({ connectionString: fresh.url });
          await watcher.connect();
          await until(async () => {
            const { rows } = await watcher.query("SELECT inserted FROM load_runs WHERE status = 'running'").catch(() => ({ rows: [] }));
            return (rows[0]?.inserted ?? 0) > 0;
          }, 'a committed batch');
          await watcher.end();
        } else {
          await until(async () => progressed, 'a committed batch');
        }
        child.kill('SIGKILL');
        await exited;

        // The same command; the batch size only decides how fast it goes.
        const rerun = await runCli(args, logEnv);
        assert.equal(rerun.code, 0, rerun.stderr);
        const summary = JSON.parse(rerun.stdout);
        assert.equal(summary.resumed, true);
        assert.deepEqual([summary.read, summary.inserted, summary.duplicates, summary.rejected], [expected, expected, 0, 0]);

        const db = await openDatabase(fresh.target);
        try {
          const { rows } = await db.query<{ n: number; distinct_lines: number }>(
            'SELECT count(*) AS n, count(DISTINCT source_line) AS distinct_lines FROM mobile_events',
          );
          assert.deepEqual(rows[0], { n: expected, distinct_lines: expected });
        } finally {
          await db.close();
        }
      } finally {
        await fresh.drop();
      }
    });
  });
}
