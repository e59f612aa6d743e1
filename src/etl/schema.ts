import type { Database } from '../db/database.js';
import { applyLayout } from '../db/layout.js';
import { sqlFile } from '../db/sql-files.js';
import { finishBulkLoad } from './bulk.js';
import { lockLoads, unlockLoads } from './ledger.js';

/**
 * Creates or updates the event log's tables, placed by the database's layout (distributed on Citus). Idempotent,
 * and under the load lock, so two loads into a fresh database never race on CREATE. A bulk load cut off before its
 * identity index is finished here (src/etl/bulk.ts).
 */
export async function createSchema(db: Database): Promise<void> {
  await db.withConnection(async (connection) => {
    await lockLoads(connection);
    try {
      await connection.exec(sqlFile('schema.sql'));
      await applyLayout(connection);
      await finishBulkLoad(connection);
    } finally {
      await unlockLoads(connection).catch(() => {});
    }
  });
}
