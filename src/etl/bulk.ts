import { runInTransaction, type Connection, type Database } from '../db/database.js';
import { keyParts, onPartsInParallel, readLayout } from '../db/layout.js';
import { sqlFile } from '../db/sql-files.js';
import { requestFullBuild } from '../sessions/settings.js';
import { sqlTemplate } from '../sessions/sql-template.js';

/**
 * The bulk path, as pg_bulkload and pgloader take it: a load into an empty event log COPYs its batches with no
 * identity index to maintain row by row, then removes the repeated rows set-based and builds the index once.
 * A missing identity index is the only marker: whoever takes the load lock next (a load, the schema step) finishes
 * a bulk load that was cut off before its index, so its counts are corrected and the index exists before any
 * usual load relies on it. Called under the load lock only.
 */

async function hasIdentityIndex(connection: Connection): Promise<boolean> {
  const { rows } = await connection.query<{ found: boolean }>("SELECT to_regclass('mobile_events_identity') IS NOT NULL AS found");
  return rows[0]!.found;
}

async function isEmpty(connection: Connection): Promise<boolean> {
  const { rows } = await connection.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM mobile_events) AS empty');
  return rows[0]!.empty;
}

/**
 * Takes the bulk path when the event log is empty, on one server (a Citus coordinator routes every row to its
 * shard anyway, and its unique index refuses rows on the workers). Returns whether it did.
 */
export async function startBulkLoad(connection: Connection): Promise<boolean> {
  if ((await readLayout(connection)).kind !== 'single' || !(await isEmpty(connection))) return false;
  // on the whole table: the partitions' own indexes go with it
  await connection.exec('DROP INDEX IF EXISTS mobile_events_identity');
  // asked now too, so that a sessions build after an interrupted bulk load (no key of it marked) still covers it
  await requestFullBuild(connection);
  return true;
}

/**
 * Deletes the repeats in `events` (the table or one partition) and moves them to their runs' duplicates, then makes
 * its identity index; in the caller's transaction. The runs' rows are updated last and in id order: a connection
 * working on another partition waits for this one's commit only, never for its sort, and never in a cycle.
 */
async function dedupeAndIndex(tx: Connection, events: string, removed: Map<number, number>): Promise<void> {
  await tx.exec(sqlFile('work_memory.sql'));
  // one pass over the rows, only to find the repeated identities: real logs repeat rows (the seed's sample does)
  const { rows } = await tx.query<{ id: number; removed: number }>(sqlTemplate('load_bulk_dedupe.sql', { events }));
  await tx.query(sqlTemplate('load_identity_index.sql', { events }));
  for (const row of rows) {
    await tx.query(sqlFile('load_bulk_counts.sql'), [row.id, row.removed]);
    removed.set(Number(row.id), (removed.get(Number(row.id)) ?? 0) + row.removed);
  }
}

/**
 * Makes the identity index if it is missing. On a table that holds rows (a bulk load), first deletes every repeat
 * of an identity but its first delivery, moves it to its run's duplicates, and asks the sessions step for a full
 * build. On a partitioned table each partition is done in a transaction of its own, on as many connections of `db`
 * as there are cores (`connection` holds the load lock meanwhile); the whole table's index, which only attaches the
 * partitions' ones, comes last, so a crash leaves it missing, to try again: a partition already done finds no
 * repeat and keeps its index. Returns the rows removed per run id.
 */
export async function finishBulkLoad(db: Database, connection: Connection): Promise<Map<number, number>> {
  const removed = new Map<number, number>();
  if (await hasIdentityIndex(connection)) return removed;
  // on Citus the bulk path is never taken: a table there without the index is one made by an earlier version,
  // whose unique index on the hash admitted no repeat
  const bulk = (await readLayout(connection)).kind === 'single' && !(await isEmpty(connection));
  const parts = bulk ? await keyParts(connection) : [];
  await onPartsInParallel(db, parts, {}, async (partConnection, share) => {
    for (const part of share) {
      await runInTransaction(partConnection, (tx) => dedupeAndIndex(tx, `mobile_events${part}`, removed));
    }
  });
  await runInTransaction(connection, async (tx) => {
    if (bulk && parts.length === 0) await dedupeAndIndex(tx, 'mobile_events', removed);
    else await tx.exec(sqlFile('work_memory.sql'));
    // every key is new: the sessions step rebuilds them all, instead of marking each one dirty
    if (bulk) await requestFullBuild(tx);
    await tx.query(sqlTemplate('load_identity_index.sql', { events: 'mobile_events' }));
  });
  return removed;
}
