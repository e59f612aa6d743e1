import type { Queryable } from '../db/database.js';
import { applyLayout } from '../db/layout.js';
import { sqlFile } from '../db/sql-files.js';

/** The event log's tables, placed by the database's layout (distributed on Citus). Idempotent. */
export async function createSchema(db: Queryable): Promise<void> {
  await db.exec(sqlFile('schema.sql'));
  await applyLayout(db);
}
