import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { UserError } from '../errors.js';
import type { Connection, Queryable } from '../db/database.js';
import type { LoadCounts } from './events.js';

/** The `load_runs` table: every load is recorded, and an interrupted one is resumed from its last committed line. */

export interface LoadRun extends LoadCounts {
  id: number;
  committedLine: number;
  /** True when this run picks up where an interrupted run of the same file stopped. */
  resumed: boolean;
}

const HEAD_BYTES = 1 << 20;
// Any constant shared by all session-explorer processes: one load at a time per database.
const LOAD_LOCK = 727_411;

/** Size plus a digest of the first MiB: the same file, unchanged, as far as a resume needs to know. */
export function fingerprint(file: string, size: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    fs.readSync(fd, head, 0, head.length, 0);
    return `${size}:${createHash('sha256').update(head).digest('hex')}`;
  } finally {
    fs.closeSync(fd);
  }
}

/** Takes the database's load lock for this connection: one load (and one schema change) at a time. */
export async function lockLoads(connection: Connection): Promise<void> {
  const { rows } = await connection.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [LOAD_LOCK]);
  if (!rows[0]?.locked) throw new UserError('Another load is running on this database; wait for it to finish.');
}

/** Under the load lock: no other load runs, so runs still marked 'running' were cut off (killed process, lost server). */
export async function failCutOffRuns(connection: Connection): Promise<void> {
  await connection.query(
    "UPDATE load_runs SET status = 'failed', error = coalesce(error, 'interrupted') WHERE status = 'running'",
  );
}

export async function unlockLoads(connection: Connection): Promise<void> {
  await connection.query('SELECT pg_advisory_unlock($1)', [LOAD_LOCK]);
}

/**
 * Resumes the last run of this file if it failed and the file is unchanged; otherwise starts a new run.
 * A stream (`resumable` false) always starts a new run: its bytes are gone once read.
 */
export async function startRun(connection: Connection, file: string, size: number, print: string, resumable = true): Promise<LoadRun> {
  const { rows: previous } = await connection.query<{
    id: number;
    status: string;
    file_fingerprint: string;
    read_rows: number;
    inserted: number;
    duplicates: number;
    rejected: number;
    committed_line: number;
  }>(
    `SELECT id, status, file_fingerprint, read_rows, inserted, duplicates, rejected, committed_line
       FROM load_runs WHERE file = $1 ORDER BY id DESC LIMIT 1`,
    [file],
  );
  const last = previous[0];
  if (resumable && last && last.status === 'failed' && last.file_fingerprint === print) {
    await connection.query(
      "UPDATE load_runs SET status = 'running', error = NULL, finished_at = NULL, attempts = attempts + 1 WHERE id = $1",
      [last.id],
    );
    return {
      id: last.id,
      read: last.read_rows,
      inserted: last.inserted,
      duplicates: last.duplicates,
      rejected: last.rejected,
      committedLine: last.committed_line,
      resumed: true,
    };
  }
  const { rows } = await connection.query<{ id: number }>(
    "INSERT INTO load_runs (file, file_size, file_fingerprint, status) VALUES ($1, $2, $3, 'running') RETURNING id",
    [file, size, print],
  );
  return { id: rows[0]!.id, read: 0, inserted: 0, duplicates: 0, rejected: 0, committedLine: 0, resumed: false };
}

/** Inside the batch's transaction: the counts so far and the last line they cover. */
export async function recordProgress(connection: Connection, run: LoadRun): Promise<void> {
  await connection.query(
    `UPDATE load_runs SET read_rows = $2, inserted = $3, duplicates = $4, rejected = $5, committed_line = $6 WHERE id = $1`,
    [run.id, run.read, run.inserted, run.duplicates, run.rejected, run.committedLine],
  );
}

export async function finishRun(connection: Connection, runId: number, status: 'done' | 'failed', error?: string): Promise<void> {
  await connection.query('UPDATE load_runs SET status = $2, finished_at = now(), error = $3 WHERE id = $1', [
    runId,
    status,
    error ?? null,
  ]);
}

export interface UnfinishedLoad {
  file: string;
  /** The last line whose batch is committed: a rerun of the same file picks up after it. */
  committedLine: number;
}

/**
 * The last load, when it did not finish and a rerun can pick it up (stopped, cut off, or failed after committing
 * rows): what a restart offers to finish first. A file refused before its first row (a wrong header) is not.
 */
export async function unfinishedLoad(db: Queryable): Promise<UnfinishedLoad | undefined> {
  const { rows: ledger } = await db.query<{ present: boolean }>("SELECT to_regclass('load_runs') IS NOT NULL AS present");
  if (!ledger[0]?.present) return undefined;
  const { rows } = await db.query<{ file: string; status: string; committed_line: number; error: string | null }>(
    'SELECT file, status, committed_line, error FROM load_runs ORDER BY id DESC LIMIT 1',
  );
  const last = rows[0];
  const resumable = last && last.status !== 'done' && (Number(last.committed_line) > 0 || last.error === 'interrupted' || last.status === 'running');
  return resumable ? { file: last.file, committedLine: Number(last.committed_line) } : undefined;
}
