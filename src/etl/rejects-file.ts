import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Connection, Queryable } from '../db/database.js';
import type { Reject } from './batch.js';

const PAGE = 10_000;

/** Inside the batch's transaction, so a reject is recorded exactly when its batch commits. */
export async function storeRejects(connection: Connection, runId: number, rejects: readonly Reject[]): Promise<void> {
  if (rejects.length === 0) return;
  await connection.query(
    `INSERT INTO load_rejects (run_id, line, reason, raw)
     SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[])`,
    [runId, rejects.map((r) => r.line), rejects.map((r) => r.reason), rejects.map((r) => r.raw)],
  );
}

/** The identity the schema step gave this database (explorer_settings.database_id). */
export async function databaseId(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ value: string }>("SELECT value FROM explorer_settings WHERE key = 'database_id'");
  return rows[0]!.value;
}

/**
 * The rejects file's name: the source's name, the database and the run, so that no two runs and no two
 * databases (which number their runs alike) ever write the same file.
 */
export function rejectsFileName(sourceFile: string, databaseId: string, runId: number): string {
  const base = path.basename(sourceFile).replace(/\.(csv)?(\.gz)?$/i, '').replace(/[^\w.-]+/g, '_') || 'input';
  return `${base}.db-${databaseId.replace(/-/g, '').slice(0, 8)}.run-${runId}.rejects.csv`;
}

/** Every reject of a run, in line order, a page at a time. */
export async function* runRejects(db: Queryable, runId: number): AsyncGenerator<RejectRow[]> {
  let after = 0;
  for (;;) {
    const { rows } = await db.query<RejectRow>(
      'SELECT line, reason, raw FROM load_rejects WHERE run_id = $1 AND line > $2 ORDER BY line LIMIT $3',
      [runId, after, PAGE],
    );
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.line;
  }
}

export type RejectRow = { line: number; reason: string; raw: string };

/**
 * Writes the run's rejects (`line;reason;raw`) from the ledger, a page at a time. Written from the database,
 * not as rows are read, so that a killed and resumed run still lists every reject exactly once. Written beside
 * its place and renamed into it, so a full disk never leaves a cut-off file that looks whole.
 */
export async function writeRejectsFile(db: Queryable, runId: number, sourceFile: string, dir: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, rejectsFileName(sourceFile, await databaseId(db), runId));
  const partial = `${file}.partial`;
  const out = fs.openSync(partial, 'w');
  try {
    fs.writeSync(out, stringify([['line', 'reason', 'raw']], { delimiter: ';' }));
    for await (const rows of runRejects(db, runId)) {
      fs.writeSync(out, stringify(rows.map((r) => [r.line, r.reason, r.raw]), { delimiter: ';' }));
    }
    fs.fsyncSync(out);
  } catch (error) {
    fs.closeSync(out);
    fs.rmSync(partial, { force: true });
    throw error;
  }
  fs.closeSync(out);
  fs.renameSync(partial, file);
  return file;
}
