import { runInTransaction, type Connection } from '../db/database.js';
import { readLayout } from '../db/layout.js';
import { sqlFile } from '../db/sql-files.js';
import { requestFullBuild } from '../sessions/settings.js';

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
  await connection.exec('DROP INDEX IF EXISTS mobile_events_identity');
  // asked now too, so that a sessions build after an interrupted bulk load (no key of it marked) still covers it
  await requestFullBuild(connection);
  return true;
}

/**
 * Makes the identity index if it is missing, in one transaction: on a table that holds rows (a bulk load), first
 * deletes every repeat of an identity but its first delivery, moves it to its run's duplicates, and asks the
 * sessions step for a full build. Returns the rows removed per run id. A crash leaves the index missing, to try again.
 */
export async function finishBulkLoad(connection: Connection): Promise<Map<number, number>> {
  const removed = new Map<number, number>();
  if (await hasIdentityIndex(connection)) return removed;
  await runInTransaction(connection, async (tx) => {
    // on Citus the bulk path is never taken: a table there without the index is one made by an earlier version,
    // whose unique index on the hash admitted no repeat
    if ((await readLayout(tx)).kind === 'single' && !(await isEmpty(tx))) {
      // One pass over the rows, only to find the repeated identities: real logs repeat rows (the seed's sample does).
      const { rows } = await tx.query<{ id: number; removed: number }>(sqlFile('load_bulk_dedupe.sql'));
      for (const row of rows) removed.set(Number(row.id), row.removed);
      // every key is new: the sessions step rebuilds them all, instead of marking each one dirty
      await requestFullBuild(tx);
    }
    await tx.exec(sqlFile('load_identity_index.sql'));
  });
  return removed;
}
