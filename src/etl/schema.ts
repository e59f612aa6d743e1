import type { Database } from '../db/database.js';
import { applyLayout, type LayoutChange } from '../db/layout.js';
import { sqlFile } from '../db/sql-files.js';
import { finishBulkLoad } from './bulk.js';
import { lockLoads, unlockLoads } from './ledger.js';

/**
 * Creates or updates the event log's tables, placed by the database's layout (distributed on Citus, partitioned by
 * user key on one server). Idempotent, and under the load lock, so two loads into a fresh database never race on
 * CREATE. A bulk load cut off before its identity index is finished here (src/etl/bulk.ts). Returns the tables of
 * an earlier version's layout that were moved into this one, rows and all.
 */
export async function createSchema(db: Database): Promise<LayoutChange[]> {
  return db.withConnection(async (connection) => {
    await lockLoads(connection);
    try {
      await connection.exec(sqlFile('schema.sql'));
      const changes = await applyLayout(connection, ['mobile_events', 'session_dirty_keys']);
      await finishBulkLoad(db, connection);
      return changes;
    } finally {
      await unlockLoads(connection).catch(() => {});
    }
  });
}
