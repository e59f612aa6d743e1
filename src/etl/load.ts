import { performance } from 'node:perf_hooks';
import { describeFileError, UserError } from '../errors.js';
import { runInTransaction, type Connection, type Database } from '../db/database.js';
import { sqlFile } from '../db/sql-files.js';
import { logDir } from '../config/paths.js';
import { openSource, type SourceFile } from './csv-reader.js';
import { Batch, COPY_COLUMNS, copyData, type BatchRow, type Reject } from './batch.js';
import { failCutOffRuns, fingerprint, finishRun, lockLoads, recordProgress, startRun, unlockLoads, type LoadRun } from './ledger.js';
import { finishBulkLoad, startBulkLoad } from './bulk.js';
import { storeRejects, writeRejectsFile } from './rejects-file.js';
import type { LoadCounts, LoadProgress, LoadSummary } from './events.js';

export interface LoadOptions {
  /** Rows per COPY batch and transaction. */
  batchRows?: number;
  /** Aborting stops after the batch in flight commits; the run is recorded as failed and resumes on a rerun. */
  signal?: AbortSignal;
  onProgress?: (progress: LoadProgress) => void;
  /** Where the rejects file goes (default: `<log dir>/rejects`). */
  rejectsDir?: string;
  /** The file's text encoding (default UTF-8); rows are hashed over their text as read, never replaced. */
  encoding?: string;
  /** Longest line read, in bytes (default 1 MiB); a longer one is rejected. */
  maxLineBytes?: number;
}

export const DEFAULT_BATCH_ROWS = 5_000;
const PROGRESS_INTERVAL_MS = 100;

/** Thrown when a load is stopped on purpose (Ctrl-C); exit code 130 like any interrupted command. */
export class LoadInterrupted extends UserError {
  constructor(
    readonly line: number,
    readonly stream = false,
    /** What the ledger holds for the run: the rows committed up to `line`. */
    readonly counts?: LoadCounts,
  ) {
    super(`Load interrupted after line ${line}; ${stream ? RELOAD_STREAM : 'run the same command again to finish it'}.`, 130);
  }
}

const RELOAD_STREAM = 'a load from standard input or a FIFO cannot resume: send the same data again, and the rows already loaded count as duplicates';

/** The loader sends and hashes UTF-8 text: any other database encoding would change or refuse it. */
async function checkEncoding(connection: Connection): Promise<void> {
  const { rows } = await connection.query<{ encoding: string }>('SELECT current_setting(\'server_encoding\') AS encoding');
  const encoding = rows[0]!.encoding;
  if (encoding !== 'UTF8') {
    throw new UserError(`This database's encoding is ${encoding}; session-explorer loads into UTF8 databases only (CREATE DATABASE ... ENCODING 'UTF8').`);
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
 * The server refused the rows themselves, not the session: a data exception (22: a bare carriage return, a
 * character the encoding lacks), an integrity violation (23) or a program limit (54: an index row too big).
 * Anything else (a lost connection, a cancel, a full disk) stops the load, to be resumed.
 */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^(22|23|54)/.test(code) && code !== '23505';
}

interface CopyOutcome {
  inserted: BatchRow[];
  /** Rows the server refused, each with the server's own message. */
  refused: Reject[];
}

/** The distinct (user key, device key) pairs of `rows`, as two parallel arrays for `unnest`. */
function distinctKeys(rows: readonly BatchRow[]): [string[], string[]] {
  const pairs = new Map<string, [string, string]>();
  for (const { userKey, deviceKey } of rows) pairs.set(`${userKey}\x1f${deviceKey}`, [userKey, deviceKey]);
  return [[...pairs.values()].map((p) => p[0]), [...pairs.values()].map((p) => p[1])];
}

/**
 * COPYs the rows of `rows` that are not stored yet, and marks their keys for the sessions step, under a
 * savepoint. Optimistic: most batches of a new file have nothing stored and nothing the server refuses, so the
 * whole batch goes in one COPY (several times faster than INSERT ... ON CONFLICT). When the unique index
 * refuses one, the stored hashes are looked up and the rest is COPYed; the load lock admits one load at a time,
 * so nothing can be stored in between. When the server refuses the data itself, the rows are split in halves,
 * as pgloader does, until each refused row stands alone and is rejected with the server's reason: one bad row
 * costs about 2·log2(batch) COPYs, and no row can stop a load.
 */
async function copyNewRows(connection: Connection, rows: readonly BatchRow[], bulk: boolean): Promise<CopyOutcome> {
  await connection.exec('SAVEPOINT batch_copy');
  try {
    await connection.copyIn('mobile_events', COPY_COLUMNS, copyData(rows), { delimiter: ';' });
    // a bulk load asks for a full sessions build instead (src/etl/bulk.ts)
    if (!bulk) await connection.query(sqlFile('load_mark_dirty.sql'), distinctKeys(rows));
    await connection.exec('RELEASE SAVEPOINT batch_copy');
    return { inserted: [...rows], refused: [] };
  } catch (error) {
    await connection.exec('ROLLBACK TO SAVEPOINT batch_copy');
    await connection.exec('RELEASE SAVEPOINT batch_copy');
    if (uniqueViolation(error) !== 'no') {
      const stored = await storedHashes(connection, rows);
      const fresh = rows.filter((r) => !stored.has(r.hash));
      if (fresh.length === rows.length) throw error;
      return fresh.length > 0 ? copyNewRows(connection, fresh, bulk) : { inserted: [], refused: [] };
    }
    if (!isDataError(error)) throw error;
    if (rows.length === 1) {
      const [row] = rows;
      return { inserted: [], refused: [{ line: row!.line, reason: (error as Error).message, raw: row!.raw }] };
    }
    const half = Math.ceil(rows.length / 2);
    const first = await copyNewRows(connection, rows.slice(0, half), bulk);
    const second = await copyNewRows(connection, rows.slice(half), bulk);
    return { inserted: [...first.inserted, ...second.inserted], refused: [...first.refused, ...second.refused] };
  }
}

/** One batch in one transaction: new rows in, their keys marked for the sessions step, rejects recorded, counts moved. */
async function commitBatch(connection: Connection, run: LoadRun, batch: Batch, bulk: boolean): Promise<LoadRun> {
  return runInTransaction(connection, async (tx) => {
    // The batch's rows and its ledger line commit together, so a server crash that loses the last batches loses
    // both and the resume stays exact; the run's final status is committed synchronously, which flushes them all.
    // Not waiting for each batch's flush measured about a fifth off the load step (docs/benchmarks.md).
    await tx.exec('SET LOCAL synchronous_commit = off');
    const { inserted, refused } = batch.rows.length > 0 ? await copyNewRows(tx, batch.rows, bulk) : { inserted: [], refused: [] };
    const rejects = refused.length === 0 ? batch.rejects : [...batch.rejects, ...refused].sort((a, b) => a.line - b.line);
    await storeRejects(tx, run.id, rejects);
    const next: LoadRun = {
      ...run,
      read: run.read + batch.read,
      inserted: run.inserted + inserted.length,
      duplicates: run.duplicates + batch.valid - inserted.length - refused.length,
      rejected: run.rejected + rejects.length,
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
  let bytesRead = 0;
  // Checked before a row is read: the options, the database, then the whole source (gzip included).
  await db.withConnection(checkEncoding);
  const source = await openSource(file, (bytes) => (bytesRead = bytes), { encoding: options.encoding, maxLineBytes: options.maxLineBytes });
  try {
    const progress = progressReporter(options.onProgress, source, () => bytesRead, started);
    const run = await db.withConnection((connection) => loadUnderLock(db, connection, source, options, progress));
    const rejects = await exportRejects(db, run, source.path, options.rejectsDir);
    return {
      runId: run.id,
      file: source.path,
      read: run.read,
      inserted: run.inserted,
      duplicates: run.duplicates,
      rejected: run.rejected,
      ...rejects,
      elapsedMs: Math.round(performance.now() - started),
      resumedRunId: run.resumed ? run.id : null,
    };
  } finally {
    source.close();
  }
}

/** The load's counts for `onProgress`, at most every PROGRESS_INTERVAL_MS unless forced (after a commit). */
interface ProgressReport {
  report(run: LoadRun, parsed: number, force?: boolean): void;
  /** A resumed run has passed the lines committed before: from here on, rates count this run's own reading. */
  passedCommitted(parsed: number): void;
}

function progressReporter(
  onProgress: LoadOptions['onProgress'],
  source: SourceFile,
  bytesRead: () => number,
  started: number,
): ProgressReport {
  let lastReport = 0;
  let resumedAt: LoadProgress['resumedAt'];
  return {
    report(run, parsed, force = false) {
      const now = performance.now();
      if (!onProgress || (!force && now - lastReport < PROGRESS_INTERVAL_MS)) return;
      lastReport = now;
      const { inserted, duplicates, rejected } = run;
      const counts = { read: parsed, inserted, duplicates, rejected };
      // a resumed run first reads past the lines it committed before: its counts are those lines', not what it has read
      const skipping = run.resumed && run.committedLine > 0 && resumedAt === undefined;
      onProgress({
        ...counts,
        bytesRead: bytesRead(),
        totalBytes: source.size,
        elapsedMs: now - started,
        ...(resumedAt ? { resumedAt } : {}),
        ...(skipping ? { skippingCommitted: true } : {}),
      });
    },
    passedCommitted(parsed) {
      resumedAt = { read: parsed, bytesRead: bytesRead(), elapsedMs: performance.now() - started };
    },
  };
}

/**
 * One load at a time: under the lock, runs cut off earlier are marked failed, a bulk load cut off before its index
 * is finished, and this run starts or resumes, on the bulk path when the event log is empty.
 */
async function loadUnderLock(db: Database, connection: Connection, source: SourceFile, options: LoadOptions, progress: ProgressReport): Promise<LoadRun> {
  await lockLoads(connection);
  try {
    await failCutOffRuns(connection);
    await finishBulkLoad(db, connection);
    const bulk = await startBulkLoad(connection);
    const run = await startRun(connection, source.path, source.size, fingerprint(source.fingerprintPath, source.size), !source.stream);
    return await copyRecords(db, connection, run, source, options, progress, bulk);
  } finally {
    await unlockLoads(connection).catch(() => {});
  }
}

/**
 * Reads the source past the run's committed line in batches; one batch commits while the next is read. The run
 * ends done, or failed with its reason (an interruption resumes on a rerun).
 */
async function copyRecords(
  db: Database,
  connection: Connection,
  started: LoadRun,
  source: SourceFile,
  options: LoadOptions,
  progress: ProgressReport,
  bulk: boolean,
): Promise<LoadRun> {
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  let run = started;
  let parsed = run.read;
  let passedCommitted = run.committedLine === 0;
  // `pending` is awaited before the next commit starts
  let pending: Promise<void> = Promise.resolve();
  const commit = (batch: Batch) => {
    pending = pending.then(async () => {
      run = await commitBatch(connection, run, batch, bulk);
      progress.report(run, parsed, true);
    });
    pending.catch(() => {});
  };

  try {
    let batch = new Batch(run.id);
    reading: for await (const records of source.records) {
      for (const record of records) {
        if (record.line <= run.committedLine) continue;
        if (!passedCommitted) {
          passedCommitted = true;
          progress.passedCommitted(parsed);
        }
        batch.add(record);
        parsed++;
        if (batch.read >= batchRows) {
          await pending;
          commit(batch);
          batch = new Batch(run.id);
          if (options.signal?.aborted) break reading;
        }
      }
      progress.report(run, parsed);
    }
    if (!options.signal?.aborted && batch.read > 0) commit(batch);
    await pending;
    if (options.signal?.aborted) throw new LoadInterrupted(run.committedLine, source.stream, { read: run.read, inserted: run.inserted, duplicates: run.duplicates, rejected: run.rejected });
    if (bulk) {
      const removed = (await finishBulkLoad(db, connection)).get(run.id) ?? 0;
      run = { ...run, inserted: run.inserted - removed, duplicates: run.duplicates + removed };
    }
    await finishRun(connection, run.id, 'done');
    return run;
  } catch (error) {
    await pending.catch(() => {});
    const reason = error instanceof LoadInterrupted ? 'interrupted' : (error as Error).message;
    // The server may be gone: the next load marks this run failed when it finds it still 'running'.
    await finishRun(connection, run.id, 'failed', reason).catch(() => {});
    if (error instanceof UserError) throw error;
    const next = source.stream ? RELOAD_STREAM : 'run the same command again to finish it';
    throw new UserError(`The load stopped after line ${run.committedLine} (${reason.replace(/\.$/, '')}); ${next}.`);
  }
}

/** The rows are committed: a rejects file that cannot be written is a warning, never a failed load. */
async function exportRejects(
  db: Database,
  run: LoadRun,
  sourcePath: string,
  rejectsDir: string | undefined,
): Promise<{ rejectsFile: string | null; warning?: string }> {
  if (run.rejected === 0) return { rejectsFile: null };
  const dir = rejectsDir ?? `${logDir()}/rejects`;
  try {
    return { rejectsFile: await writeRejectsFile(db, run.id, sourcePath, dir) };
  } catch (error) {
    return {
      rejectsFile: null,
      warning: `Could not write the rejects file in ${dir} (${describeFileError(error)}); the rejects are kept in the database: session-explorer rejects --run ${run.id}.`,
    };
  }
}
