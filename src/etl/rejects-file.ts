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

/**
 * Writes the run's rejects (`line;reason;raw`) from the ledger, a page at a time. Written from the database,
 * not as rows are read, so that a killed and resumed run still lists every reject exactly once.
 */
export async function writeRejectsFile(db: Queryable, runId: number, sourceFile: string, dir: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${path.basename(sourceFile).replace(/\.(csv)?(\.gz)?$/i, '')}.run-${runId}.rejects.csv`);
  const out = fs.openSync(file, 'w');
  try {
    fs.writeSync(out, stringify([['line', 'reason', 'raw']], { delimiter: ';' }));
    let after = 0;
    for (;;) {
      const { rows } = await db.query<{ line: number; reason: string; raw: string }>(
        'SELECT line, reason, raw FROM load_rejects WHERE run_id = $1 AND line > $2 ORDER BY line LIMIT $3',
        [runId, after, PAGE],
      );
      if (rows.length === 0) break;
      fs.writeSync(out, stringify(rows.map((r) => [r.line, r.reason, r.raw]), { delimiter: ';' }));
      after = rows[rows.length - 1]!.line;
    }
  } finally {
    fs.closeSync(out);
  }
  return file;
}
