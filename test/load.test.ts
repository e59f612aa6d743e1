import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { backends, withFreshDatabase } from './support/backends.js';
import { csv, eventLine, HEADER, tempDir, writeFile } from './support/files.js';
import type { Database } from '../src/db/database.js';
import { createSchema } from '../src/etl/schema.js';
import { loadFile, LoadInterrupted } from '../src/etl/load.js';

const dir = tempDir();

/** Every kind of bad input the loader must survive, each on a known line. */
const HOSTILE = [
  '\uFEFF' + HEADER, //                                                                           line 1
  'AB12;berlin;3.10.1;DEV-IOS;iOS;Application Opened;2020-03-01 08:00:01.250;2020-03-01 08:00:00.125', // 2 ok
  '', //                                                                                          3 blank
  'ab12;berlin;3.10.1;dev-a;Android;"Scooter Selected; User";2020-03-01 08:01:01;2020-03-01 08:01:00', // 4 ok, quoted ;
  'ab12;berlin;3.10.1;dev-a;Android;Too Short;2020-03-01 08:01:01', //                           5 7 fields
  'ab12;berlin;3.10.1;dev-a;Android;Too Long;2020-03-01 08:01:01;2020-03-01 08:01:00;extra', //   6 9 fields
  'ab12;berlin;3.10.1;dev-a;Android;Bad Created;2020-03-01 08:01:01;yesterday', //                7
  'ab12;berlin;3.10.1;dev-a;Android;No Created;2020-03-01 08:01:01;', //                          8
  'ab12;berlin;3.10.1;dev-a;Android;Bad Received;2020-02-30 08:01:01;2020-03-01 08:01:00', //     9 Feb 30
  ';berlin;3.10.1;dev-a;Android;No User;2020-03-01 08:01:01;2020-03-01 08:01:00', //              10
  'ab12;berlin;3.10.1;dev-a;Android;;2020-03-01 08:01:01;2020-03-01 08:01:00', //                 11 no event
  'AB12;berlin;3.10.1;DEV-IOS;iOS;Application Opened;2020-03-01 08:00:01.250;2020-03-01 08:00:00.125', // 12 dup of 2
  '   ', //                                                                                       13 blank too
  'ab12;paris;;;Android;Ride Started - Successful;2020-03-01 08:05:01Z;2020-03-01 08:05:00 UTC', // 14 ok, empty optionals
  'ab12;berlin;3.10.1;dev-a;Android;Nul\0Byte;2020-03-01 08:01:01;2020-03-01 08:01:00', //        15
  '',
].join('\r\n');

async function freshSchema(db: Database): Promise<void> {
  await createSchema(db);
}

async function countEvents(db: Database): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM mobile_events');
  return rows[0]!.n;
}

function lines(n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, k) => eventLine(from + k));
}

for (const backend of backends) {
  describe(`load on the ${backend.name} backend`, () => {
    test('a hostile file: exact counts, every reject on file with its line and reason, nothing lost', async () => {
      await withFreshDatabase(backend, async (db) => {
        await freshSchema(db);
        const file = writeFile(dir, `hostile-${backend.name}.csv`, HOSTILE);
        const result = await loadFile(db, file, { rejectsDir: dir });
        assert.deepEqual(
          { read: result.read, inserted: result.inserted, duplicates: result.duplicates, rejected: result.rejected },
          { read: 12, inserted: 3, duplicates: 1, rejected: 8 },
        );
        assert.equal(result.read, result.inserted + result.duplicates + result.rejected);

        const rejects = parse(fs.readFileSync(result.rejectsFile!, 'utf8'), { delimiter: ';', columns: true }) as {
          line: string;
          reason: string;
          raw: string;
        }[];
        assert.deepEqual(
          rejects.map((r) => `${r.line};${r.reason}`),
          [
            '5;expected 8 fields, found 7',
            '6;expected 8 fields, found 9',
            '7;unparsable created_at',
            '8;missing created_at',
            '9;unparsable received_at',
            '10;missing anonymous_id',
            '11;missing event_name',
            '15;contains a NUL byte',
          ],
        );
        assert.equal(rejects[0]!.raw, 'ab12;berlin;3.10.1;dev-a;Android;Too Short;2020-03-01 08:01:01');
        assert.equal(rejects[7]!.raw, 'ab12;berlin;3.10.1;dev-a;Android;Nul\\0Byte;2020-03-01 08:01:01;2020-03-01 08:01:00');

        const { rows } = await db.query(
          `SELECT source_line, anonymous_id, user_key, device_key, business_zoned, context_app_version, event_name,
                  received_at, created_at
             FROM mobile_events ORDER BY source_line`,
        );
        assert.deepEqual(rows, [
          {
            source_line: 2, anonymous_id: 'AB12', user_key: 'ab12', device_key: 'dev-ios', business_zoned: 'berlin',
            context_app_version: '3.10.1', event_name: 'Application Opened',
            received_at: '2020-03-01 08:00:01.25', created_at: '2020-03-01 08:00:00.125',
          },
          {
            source_line: 4, anonymous_id: 'ab12', user_key: 'ab12', device_key: 'dev-a', business_zoned: 'berlin',
            context_app_version: '3.10.1', event_name: 'Scooter Selected; User',
            received_at: '2020-03-01 08:01:01', created_at: '2020-03-01 08:01:00',
          },
          {
            source_line: 14, anonymous_id: 'ab12', user_key: 'ab12', device_key: '', business_zoned: 'paris',
            context_app_version: null, event_name: 'Ride Started - Successful',
            received_at: '2020-03-01 08:05:01', created_at: '2020-03-01 08:05:00',
          },
        ]);
      });
    });

    test('a reload adds nothing; an overlapping file adds only its new rows; gzip reads the same', async () => {
      await withFreshDatabase(backend, async (db) => {
        await freshSchema(db);
        const first = writeFile(dir, `first-${backend.name}.csv`, csv(lines(60)));
        const overlap = writeFile(dir, `overlap-${backend.name}.csv.gz`, zlib.gzipSync(csv(lines(61, 40))));

        const a = await loadFile(db, first, { rejectsDir: dir, batchRows: 25 });
        assert.deepEqual([a.read, a.inserted, a.duplicates, a.rejected, a.rejectsFile], [60, 60, 0, 0, null]);
        const again = await loadFile(db, first, { rejectsDir: dir, batchRows: 25 });
        assert.deepEqual([again.read, again.inserted, again.duplicates], [60, 0, 60]);
        const b = await loadFile(db, overlap, { rejectsDir: dir, batchRows: 25 });
        assert.deepEqual([b.read, b.inserted, b.duplicates], [61, 41, 20]);
        assert.equal(await countEvents(db), 101);

        const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM session_dirty_keys');
        assert.equal(rows[0]!.n, 7, 'every key of a new row is marked for the sessions step');
      });
    });

    test('the same fields quoted or not are one delivery; different fields never hash alike', async () => {
      await withFreshDatabase(backend, async (db) => {
        await freshSchema(db);
        const line = eventLine(1);
        const quoted = line.split(';').map((f) => `"${f}"`).join(';');
        const [user, ...rest] = line.split(';');
        // ("x;y", "z") and ("x", "y;z") join to the same text with `;`: they must stay two rows
        const a = [`"${user};a"`, ...rest.slice(0, 4), 'Name', ...rest.slice(5)].join(';');
        const b = [`${user}`, ...rest.slice(0, 3), `"${rest[3]};a"`, 'Name', ...rest.slice(5)].join(';');
        const file = writeFile(dir, `quoting-${backend.name}.csv`, csv([line, quoted, a, b]));
        const result = await loadFile(db, file, { rejectsDir: dir });
        assert.deepEqual([result.read, result.inserted, result.duplicates, result.rejected], [4, 3, 1, 0]);
      });
    });

    test('Ctrl-C stops after a whole batch; the rerun resumes and the counts come out exact', async () => {
      await withFreshDatabase(backend, async (db) => {
        await freshSchema(db);
        const content = csv([...lines(95), 'broken;line', ...lines(5, 95), eventLine(3)]);
        const file = writeFile(dir, `interrupted-${backend.name}.csv`, content);
        const controller = new AbortController();
        let batches = 0;
        await assert.rejects(
          loadFile(db, file, {
            rejectsDir: dir,
            batchRows: 10,
            signal: controller.signal,
            onProgress: () => {
              if (++batches === 3) controller.abort();
            },
          }),
          (error) => error instanceof LoadInterrupted && error.exitCode === 130,
        );
        const { rows: ledger } = await db.query<{ status: string; inserted: number; committed_line: number }>(
          'SELECT status, inserted, committed_line FROM load_runs',
        );
        assert.equal(ledger[0]!.status, 'failed');
        assert.ok(ledger[0]!.inserted > 0 && ledger[0]!.inserted < 100, 'stopped midway');
        assert.equal(await countEvents(db), ledger[0]!.inserted, 'no half batch');

        const resumed = await loadFile(db, file, { rejectsDir: dir, batchRows: 10 });
        assert.equal(resumed.resumedRunId, resumed.runId);
        assert.deepEqual([resumed.read, resumed.inserted, resumed.duplicates, resumed.rejected], [102, 100, 1, 1]);
        assert.equal(await countEvents(db), 100);
        assert.equal(fs.readFileSync(resumed.rejectsFile!, 'utf8').trim().split('\n').length, 2);
      });
    });

    test('a database made with generated keys keeps its rows and takes new loads without duplicating them', async () => {
      await withFreshDatabase(backend, async (db) => {
        // the previous version's event table: keys generated by the database, identity on row_hash alone
        await db.exec(`CREATE TABLE mobile_events (
          anonymous_id text NOT NULL, business_zoned text, context_app_version text, context_device_id text,
          context_os_name text, event_name text NOT NULL, received_at timestamp NOT NULL, created_at timestamp NOT NULL,
          user_key text NOT NULL GENERATED ALWAYS AS (lower(anonymous_id)) STORED,
          device_key text NOT NULL GENERATED ALWAYS AS (lower(coalesce(context_device_id, ''))) STORED,
          row_hash uuid NOT NULL, load_run_id bigint NOT NULL, source_line bigint NOT NULL);
          CREATE UNIQUE INDEX mobile_events_row_hash ON mobile_events (row_hash);`);
        // rows as the previous version stored them: the hash of the line as read
        await db.query(
          `INSERT INTO mobile_events (anonymous_id, business_zoned, context_app_version, context_device_id, context_os_name,
                                      event_name, received_at, created_at, row_hash, load_run_id, source_line)
           SELECT split_part(l, ';', 1), split_part(l, ';', 2), split_part(l, ';', 3), split_part(l, ';', 4),
                  split_part(l, ';', 5), split_part(l, ';', 6), split_part(l, ';', 7)::timestamp,
                  split_part(l, ';', 8)::timestamp, md5(l)::uuid, 1, n + 1
             FROM unnest($1::text[]) WITH ORDINALITY AS t (l, n)`,
          [lines(30)],
        );
        await freshSchema(db);
        await freshSchema(db);
        const { rows: indexes } = await db.query<{ name: string }>(
          "SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'mobile_events' ORDER BY 1",
        );
        assert.deepEqual(indexes.map((i) => i.name), ['mobile_events_identity']);
        const { rows: generated } = await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_attribute WHERE attrelid = 'mobile_events'::regclass AND attgenerated <> ''",
        );
        assert.equal(generated[0]!.n, 0);
        const overlap = writeFile(dir, `old-overlap-${backend.name}.csv`, csv(lines(20, 20)));
        const result = await loadFile(db, overlap, { rejectsDir: dir });
        assert.deepEqual([result.read, result.inserted, result.duplicates], [20, 10, 10]);
        assert.equal(await countEvents(db), 40);
        const { rows: keys } = await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM mobile_events WHERE user_key = anonymous_id AND device_key = context_device_id",
        );
        assert.equal(keys[0]!.n, 40, 'the old rows keep their keys');
      });
    });

    test('keys are folded by the loader, the same on every database: non-ASCII letters too', async () => {
      await withFreshDatabase(backend, async (db) => {
        await freshSchema(db);
        // a first load, so that the next one takes the usual path, which marks the keys it brings one by one
        await loadFile(db, writeFile(dir, `fold-first-${backend.name}.csv`, csv([eventLine(0)])), { rejectsDir: dir });
        await db.query('DELETE FROM session_dirty_keys');
        const tail = 'berlin;3.10.1;"DÉV""1";Android;Application Opened;2020-03-01 08:00:02;2020-03-01 08:00:00';
        const file = writeFile(dir, `fold-${backend.name}.csv`, csv([`"ÄBC;X";${tail}`, `"äbc;x";${tail.replace('DÉV', 'dév')}`]));
        const result = await loadFile(db, file, { rejectsDir: dir });
        assert.deepEqual([result.inserted, result.rejected], [2, 0]);
        const { rows } = await db.query('SELECT DISTINCT user_key, device_key FROM mobile_events WHERE load_run_id = $1', [result.runId]);
        assert.deepEqual(rows, [{ user_key: 'äbc;x', device_key: 'dév"1' }]);
        const { rows: dirty } = await db.query('SELECT user_key, device_key FROM session_dirty_keys');
        assert.deepEqual(dirty, [{ user_key: 'äbc;x', device_key: 'dév"1' }]);
      });
    });

    test('clear errors: missing file, empty file, wrong delimiter; a header alone loads nothing', async () => {
      await withFreshDatabase(backend, async (db) => {
        await freshSchema(db);
        await assert.rejects(loadFile(db, `${dir}/nope.csv`), { message: `File not found: ${dir}/nope.csv.` });
        await assert.rejects(loadFile(db, writeFile(dir, 'empty.csv', '')), /^Error: The file .*empty\.csv is empty\.$|is empty\./);
        const comma = writeFile(dir, 'comma.csv', HEADER.replaceAll(';', ',') + '\na,b,c,d,e,f,g,h\n');
        await assert.rejects(loadFile(db, comma), /header of .*comma\.csv is not recognised \(the file does not look `;`-separated\)/);
        const headerOnly = await loadFile(db, writeFile(dir, 'header.csv', HEADER + '\n'));
        assert.deepEqual([headerOnly.read, headerOnly.inserted], [0, 0]);
      });
    });
  });
}
