import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { backends, serverUrl, withFreshDatabase } from './support/backends.js';
import { csv, eventLine, HEADER, tempDir, writeFile } from './support/files.js';
import type { Database } from '../src/db/database.js';
import { openDatabase } from '../src/db/connect.js';
import { targetFromText } from '../src/config/target.js';
import { loadFile } from '../src/etl/load.js';
import { createSchema } from '../src/etl/schema.js';
import { databaseId, rejectsFileName } from '../src/etl/rejects-file.js';
import { runPipeline } from '../src/etl/pipeline.js';
import type { LoadSummary } from '../src/etl/events.js';

const dir = tempDir();

function counts(r: LoadSummary): number[] {
  return [r.read, r.inserted, r.duplicates, r.rejected];
}

async function rejects(db: Database, runId: number): Promise<string[]> {
  const { rows } = await db.query<{ line: number; reason: string }>(
    'SELECT line, reason FROM load_rejects WHERE run_id = $1 ORDER BY line',
    [runId],
  );
  return rows.map((r) => `${r.line}: ${r.reason}`);
}

async function count(db: Database, sql: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(sql);
  return Number(rows[0]!.n);
}

const events = (db: Database) => count(db, 'SELECT count(*) AS n FROM mobile_events');
const running = (db: Database) => count(db, "SELECT count(*) AS n FROM load_runs WHERE status = 'running'");

/** A line whose fields are given; the rest are those of a valid event. */
function row(i: number, change: { user?: string; device?: string; event?: string } = {}): string {
  const [user, city, version, device, os, event, received, created] = eventLine(i).split(';');
  return [change.user ?? user, city, version, change.device ?? device, os, change.event ?? event, received, created].join(';');
}

for (const backend of backends) {
  describe(`hostile loads on the ${backend.name} backend`, () => {
    test('rows the server refuses are rejected with its own message and the rest commits; a rerun is exact', async () => {
      await withFreshDatabase(backend, async (db) => {
        await createSchema(db);
        const lines = [
          ...Array.from({ length: 20 }, (_, i) => row(i)), //                       lines 2-21
          row(100, { event: 'bare\rreturn' }), //                                   22: the server refuses it
          row(101, { user: 'x'.repeat(3000) }), //                                  23: id too long for the indexes
          row(102, { device: 'é'.repeat(600) }), //                                 24: 1,200 bytes
          row(103, { event: 'bare\rreturn again' }), //                             25
          ...Array.from({ length: 10 }, (_, i) => row(200 + i)), //                 26-35
        ];
        const file = writeFile(dir, `refused-${backend.name}.csv`, csv(lines));
        const first = await loadFile(db, file, { rejectsDir: dir, batchRows: 16 });
        assert.deepEqual(counts(first), [34, 30, 0, 4]);
        const reasons = await rejects(db, first.runId);
        assert.equal(reasons.length, 4);
        assert.match(reasons[0]!, /^22: (missing data for column|.*carriage return)/);
        assert.equal(reasons[1], '23: anonymous_id longer than 1000 bytes (3000)');
        assert.equal(reasons[2], '24: context_device_id longer than 1000 bytes (1200)');
        assert.match(reasons[3]!, /^25: (missing data for column|.*carriage return)/);
        assert.equal(await events(db), 30);

        const again = await loadFile(db, file, { rejectsDir: dir, batchRows: 16 });
        assert.deepEqual(counts(again), [34, 0, 30, 4]);
        assert.equal(await events(db), 30);
        assert.equal(await running(db), 0);
      });
    });

    test('bytes are the truth: invalid UTF-8 is rejected at its byte, never merged; --encoding latin1 converts', async () => {
      await withFreshDatabase(backend, async (db) => {
        await createSchema(db);
        const line = (text: string) => Buffer.from(`${text}\n`, 'latin1');
        const bad = Buffer.concat([
          Buffer.from(`${HEADER}\n`),
          line(row(1, { user: 'u\xff1' })),
          line(row(1, { user: 'u\xfe1' })),
          Buffer.from(`${row(2, { user: 'zürich' })}\n`), // valid UTF-8
        ]);
        const file = writeFile(dir, `bytes-${backend.name}.csv`, bad);
        const result = await loadFile(db, file, { rejectsDir: dir });
        assert.deepEqual(counts(result), [3, 1, 0, 2]);
        assert.deepEqual(await rejects(db, result.runId), ['2: invalid UTF-8 at byte 2', '3: invalid UTF-8 at byte 2']);
        const { rows: raw } = await db.query<{ raw: string }>('SELECT raw FROM load_rejects ORDER BY line');
        assert.ok(raw[0]!.raw.startsWith('u\\xFF1;') && raw[1]!.raw.startsWith('u\\xFE1;'), 'the bytes are kept, shown');

        const cities = ['Zürich', 'Zärich', 'Zörich'];
        const latin = Buffer.concat([Buffer.from(`${HEADER}\n`), ...cities.map((c, i) => line(row(10 + i, { user: 'same' }).replace('berlin', c)))]);
        const latinFile = writeFile(dir, `latin-${backend.name}.csv`, latin);
        const converted = await loadFile(db, latinFile, { rejectsDir: dir, encoding: 'latin1' });
        assert.deepEqual(counts(converted), [3, 3, 0, 0]);
        const { rows } = await db.query<{ city: string }>(
          "SELECT business_zoned AS city FROM mobile_events WHERE user_key = 'same' ORDER BY source_line",
        );
        assert.deepEqual(rows.map((r) => r.city), cities);
        const rerun = await loadFile(db, latinFile, { rejectsDir: dir, encoding: 'latin1' });
        assert.deepEqual(counts(rerun), [3, 0, 3, 0]);
      });
    });

    test('an over-long line is rejected as it streams past, and the rows after it load', async () => {
      await withFreshDatabase(backend, async (db) => {
        await createSchema(db);
        const long = 'y'.repeat(300_000);
        const file = writeFile(dir, `long-${backend.name}.csv`, csv([row(1), long, row(2), `${long};${long}`, row(3)]));
        const result = await loadFile(db, file, { rejectsDir: dir, maxLineBytes: 100_000 });
        assert.deepEqual(counts(result), [5, 3, 0, 2]);
        assert.deepEqual(await rejects(db, result.runId), [
          '3: line longer than 100000 bytes (300000 bytes; the first 1024 are kept)',
          '5: line longer than 100000 bytes (600001 bytes; the first 1024 are kept)',
        ]);
        // a file without a single line break: the header itself is too long, so the file is refused
        const noBreak = writeFile(dir, `nobreak-${backend.name}.csv`, 'z'.repeat(400_000));
        await assert.rejects(loadFile(db, noBreak, { rejectsDir: dir, maxLineBytes: 100_000 }), /^UserError: The first line of .* is not the header: line longer than 100000 bytes \(400000 bytes; the first 1024 are kept\)\.$/);
        assert.equal(await running(db), 0);
      });
    });

    test('a corrupt or truncated gzip loads nothing and leaves no run running', async () => {
      await withFreshDatabase(backend, async (db) => {
        await createSchema(db);
        const gz = zlib.gzipSync(csv(Array.from({ length: 3000 }, (_, i) => row(i))));
        const truncated = writeFile(dir, `cut-${backend.name}.csv.gz`, gz.subarray(0, gz.length - 200));
        const random = writeFile(dir, `random-${backend.name}.csv.gz`, Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(5000, 7)]));
        for (const file of [truncated, random]) {
          await assert.rejects(loadFile(db, file, { rejectsDir: dir, batchRows: 100 }), {
            message: `The file ${file} is not valid gzip (truncated or corrupt); nothing was loaded.`,
          });
        }
        assert.equal(await events(db), 0);
        assert.equal(await count(db, 'SELECT count(*) AS n FROM load_runs'), 0);
      });
    });

    test('a FIFO is read like a file; a file that shrinks during the load fails its run', async () => {
      await withFreshDatabase(backend, async (db) => {
        await createSchema(db);
        const fifo = path.join(dir, `fifo-${backend.name}`);
        execFileSync('mkfifo', [fifo]);
        const content = csv(Array.from({ length: 50 }, (_, i) => row(i)));
        const writer = spawn('sh', ['-c', 'cat > "$1"', 'sh', fifo], { stdio: ['pipe', 'ignore', 'ignore'] });
        writer.stdin.end(content);
        const piped = await loadFile(db, fifo, { rejectsDir: dir });
        assert.deepEqual(counts(piped), [50, 50, 0, 0]);

        const file = writeFile(dir, `shrinks-${backend.name}.csv`, csv(Array.from({ length: 300 }, (_, i) => row(1000 + i))));
        let batches = 0;
        await assert.rejects(
          loadFile(db, file, {
            rejectsDir: dir,
            batchRows: 50,
            onProgress: () => {
              if (++batches === 1) fs.truncateSync(file, 5000);
            },
          }),
          /shrank during the load/,
        );
        const { rows } = await db.query<{ status: string }>('SELECT status FROM load_runs ORDER BY id DESC LIMIT 1');
        assert.equal(rows[0]!.status, 'failed');
      });
    });

    test('the schema is made under the load lock; a bad gap is refused before the first row', async () => {
      await withFreshDatabase(backend, async (db) => {
        await db.withConnection(async (holder) => {
          await holder.query('SELECT pg_advisory_lock(727411)');
          await assert.rejects(createSchema(db), { message: 'Another load is running on this database; wait for it to finish.' });
          await holder.query('SELECT pg_advisory_unlock(727411)');
        });
        const file = writeFile(dir, `gap-${backend.name}.csv`, csv([row(1)]));
        await assert.rejects(runPipeline(db, { file, gapMinutes: 2000 }), /gap must be a whole number of minutes from 1 to 1440/);
        assert.equal(await count(db, "SELECT count(*) AS n FROM pg_tables WHERE tablename = 'mobile_events'"), 0);
      });
    });

    test('rejects files: one per database and run; an unwritable folder is a warning, the rows stay committed', async () => {
      await withFreshDatabase(backend, async (db) => {
        await createSchema(db);
        const file = writeFile(dir, `events-${backend.name}.csv`, csv([row(1), 'broken']));
        const blocked = writeFile(dir, `not-a-folder-${backend.name}`, 'x');
        const result = await loadFile(db, file, { rejectsDir: blocked });
        assert.deepEqual(counts(result), [2, 1, 0, 1]);
        assert.equal(result.rejectsFile, null);
        assert.match(result.warning!, /^Could not write the rejects file in .* \(a file stands where the folder should be\); .*rejects --run \d+\.$/);
        await withFreshDatabase(backend, async (other) => {
          await createSchema(other);
          // both databases' first run of a file of the same name
          const b = await loadFile(other, file, { rejectsDir: dir });
          assert.equal(b.runId, result.runId);
          assert.notEqual(path.basename(b.rejectsFile!), rejectsFileName(file, await databaseId(db), result.runId));
          assert.equal(fs.readFileSync(b.rejectsFile!, 'utf8'), 'line;reason;raw\n3;expected 8 fields, found 1;broken\n');
        });
      });
    });
  });
}

test('a database whose encoding is not UTF8 is refused before the first row', async () => {
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  const name = `se_test_latin1_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name} ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase(targetFromText(url.toString()));
  try {
    const file = writeFile(dir, 'latin1-db.csv', csv([row(1)]));
    await assert.rejects(loadFile(db, file, { rejectsDir: dir }), {
      message: "This database's encoding is LATIN1; session-explorer loads into UTF8 databases only (CREATE DATABASE ... ENCODING 'UTF8').",
    });
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE ${name}`);
    await admin.end();
  }
});
