import { performance } from 'node:perf_hooks';
import { UserError } from '../errors.js';
import { runInTransaction, type Connection, type Database } from '../db/database.js';
import { sqlFile } from '../db/sql-files.js';
import { logDir } from '../config/paths.js';
import { openSource } from './csv-reader.js';
import { Batch, COPY_COLUMNS, type BatchRow } from './batch.js';
import { fingerprint, finishRun, lockLoads, recordProgress, startRun, unlockLoads, type LoadRun } from './ledger.js';
import { storeRejects, writeRejectsFile } from './rejects-file.js';
import type { LoadProgress, LoadSummary } from './events.js';

export interface LoadOptions {
  /** Rows per COPY batch and transaction. */
  batchRows?: number;
  /** Aborting stops after the batch in flight commits; the run is recorded as failed and resumes on a rerun. */
  signal?: AbortSignal;
  onProgress?: (progress: LoadProgress) => void;
  /** Where the rejects file goes (default: `<log dir>/rejects`). */
  rejectsDir?: string;
}

export const DEFAULT_BATCH_ROWS = 5_000;
const PROGRESS_INTERVAL_MS = 100;

/** Thrown when a load is stopped on purpose (Ctrl-C); exit code 130 like any interrupted command. */
export class LoadInterrupted extends UserError {
  constructor(line: number) {
    super(`Load interrupted after line ${line}; run the same command again to finish it.`, 130);
  }
}

/** Hashes of `rows` already in the event log (an earlier load, an overlapping file, a double delivery). */
async function storedHashes(connection: Connection, rows: readonly BatchRow[]): Promise<Set<string>> {
  const { rows: found } = await connection.query<{ hash: string }>(sqlFile('load_stored_hashes.sql'), [
    rows.map((r) => r.userKey),
    rows.map((r) => r.hash),
  ]);
  return new Set(found.map((r) => r.hash));
}

/**
 * A refusal by the unique index, maybe: a Citus coordinator reports a worker's unique violation during COPY as an
 * internal error (XX000), so that one counts only if some of the batch's rows turn out to be stored.
 */
function uniqueViolation(error: unknown): 'yes' | 'maybe' | 'no' {
  const code = (error as { code?: string }).code;
  return code === '23505' ? 'yes' : code === 'XX000' ? 'maybe' : 'no';
}

/**
 * COPYs the batch's rows that are not stored yet and returns them. Optimistic: most batches of a new file have
 * nothing stored, so the whole batch is COPYed at once (COPY's bulk insert is several times faster than
 * INSERT ... SELECT ... ON CONFLICT); only when the unique index on (user_key, row_hash) refuses one does the batch go
 * back to its savepoint, look up which hashes are stored, and COPY the rest. The load lock admits one load
 * at a time, so nothing can be stored between that look-up and the COPY.
 */
async function copyNewRows(connection: Connection, rows: readonly BatchRow[]): Promise<readonly BatchRow[]> {
  const copy = (subset: readonly BatchRow[]) =>
    connection.copyIn('mobile_events', COPY_COLUMNS, subset.map((r) => r.copyLine).join(''), { csvDelimiter: ';' });
  let stored: Set<string>;
  await connection.exec('SAVEPOINT batch_copy');
  try {
    await copy(rows);
    await connection.exec('RELEASE SAVEPOINT batch_copy');
    return rows;
  } catch (error) {
    const violation = uniqueViolation(error);
    if (violation === 'no') throw error;
    await connection.exec('ROLLBACK TO SAVEPOINT batch_copy');
    stored = await storedHashes(connection, rows);
    if (violation === 'maybe' && stored.size === 0) throw error;
  }
  const fresh = rows.filter((r) => !stored.has(r.hash));
  if (fresh.length > 0) await copy(fresh);
  return fresh;
}

/** The distinct (user key, device key) pairs of `rows`, as two parallel arrays for `unnest`. */
function distinctKeys(rows: readonly BatchRow[]): [string[], string[]] {
  const pairs = new Map<string, [string, string]>();
  for (const { userKey, deviceKey } of rows) pairs.set(`${userKey}\x1f${deviceKey}`, [userKey, deviceKey]);
  return [[...pairs.values()].map((p) => p[0]), [...pairs.values()].map((p) => p[1])];
}

/** One batch in one transaction: new rows in, their keys marked for the sessions step, rejects recorded, counts moved. */
async function commitBatch(connection: Connection, run: LoadRun, batch: Batch): Promise<LoadRun> {
  return runInTransaction(connection, async (tx) => {
    const fresh = batch.rows.length > 0 ? await copyNewRows(tx, batch.rows) : [];
    if (fresh.length > 0) await tx.query(sqlFile('load_mark_dirty.sql'), distinctKeys(fresh));
    await storeRejects(tx, run.id, batch.rejects);
    const next: LoadRun = {
      ...run,
      read: run.read + batch.read,
      inserted: run.inserted + fresh.length,
      duplicates: run.duplicates + batch.valid - fresh.length,
      rejected: run.rejected + batch.rejects.length,
      committedLine: batch.lastLine,
    };
    await recordProgress(tx, next);
    return next;
  });
}

/**
 * Streams a CSV event log into `mobile_events`: read, validate, hash, and COPY each batch's new rows.
 * Memory holds two batches at most (one being read while the previous one commits).
 * Conservation holds at every commit: read = inserted + duplicates + rejected.
 */
export async function loadFile(db: Database, file: string, options: LoadOptions = {}): Promise<LoadSummary> {
  const started = performance.now();
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  let bytesRead = 0;
  const source = openSource(file, (bytes) => (bytesRead = bytes));
  const print = fingerprint(source.path, source.size);

  const run = await db.withConnection(async (connection) => {
    await lockLoads(connection);
    try {
      let run = await startRun(connection, source.path, source.size, print);
      let parsed = run.read;
      let lastReport = 0;
      const report = (force = false) => {
        const now = performance.now();
        if (!options.onProgress || (!force && now - lastReport < PROGRESS_INTERVAL_MS)) return;
        lastReport = now;
        const { inserted, duplicates, rejected } = run;
        const elapsedMs = now - started;
        options.onProgress({ read: parsed, inserted, duplicates, rejected, bytesRead, totalBytes: source.size, elapsedMs });
      };

      // One batch commits while the next is read; `pending` is awaited before the next commit starts.
      let pending: Promise<void> = Promise.resolve();
      const commit = (batch: Batch) => {
        const previous = pending;
        pending = previous.then(async () => {
          run = await commitBatch(connection, run, batch);
          report(true);
        });
        pending.catch(() => {});
      };

      try {
        let batch = new Batch(run.id);
        reading: for await (const records of source.records) {
          for (const record of records) {
            if (record.line <= run.committedLine) continue;
            batch.add(record);
            parsed++;
            if (batch.read >= batchRows) {
              await pending;
              commit(batch);
              batch = new Batch(run.id);
              if (options.signal?.aborted) break reading;
            }
          }
          report();
        }
        if (!options.signal?.aborted && batch.read > 0) commit(batch);
        await pending;
        if (options.signal?.aborted) throw new LoadInterrupted(run.committedLine);
        await finishRun(connection, run.id, 'done');
      } catch (error) {
        await pending.catch(() => {});
        const reason = error instanceof LoadInterrupted ? 'interrupted' : (error as Error).message;
        // The server may be gone: the next load marks this run failed when it finds it still 'running'.
        await finishRun(connection, run.id, 'failed', reason).catch(() => {});
        if (error instanceof UserError) throw error;
        throw new UserError(
          `The load stopped after line ${run.committedLine} (${reason.replace(/\.$/, '')}); run the same command again to finish it.`,
        );
      }
      return run;
    } finally {
      await unlockLoads(connection).catch(() => {});
    }
  });

  const rejectsFile =
    run.rejected > 0 ? await writeRejectsFile(db, run.id, source.path, options.rejectsDir ?? `${logDir()}/rejects`) : null;
  return {
    runId: run.id,
    file: source.path,
    read: run.read,
    inserted: run.inserted,
    duplicates: run.duplicates,
    rejected: run.rejected,
    rejectsFile,
    elapsedMs: Math.round(performance.now() - started),
    resumedRunId: run.resumed ? run.id : null,
  };
}
