import type { Database, Queryable } from '../db/database.js';
import { applyLayout } from '../db/layout.js';
import { sqlFile } from '../db/sql-files.js';
import { readSetting, writeSetting } from './settings.js';

/**
 * Bump when sql/sessions_schema.sql changes a derived table: sessions are rebuilt from the events anyway, so a
 * database built by an older version drops them and gets a full build instead of a migration.
 */
const SESSION_SCHEMA_VERSION = '8';
const VERSION_SETTING = 'sessions_schema_version';

/** False when the sessions tables are missing or were made by another version of this code (run a build). */
export async function sessionSchemaIsCurrent(db: Queryable): Promise<boolean> {
  return (await readSetting(db, VERSION_SETTING)) === SESSION_SCHEMA_VERSION;
}

/** Creates the sessions tables (and seeds the funnel stages) unless they are there in this version's shape. */
export async function ensureSessionSchema(db: Database): Promise<void> {
  const version = await readSetting(db, VERSION_SETTING);
  if (version === SESSION_SCHEMA_VERSION) return;
  await db.withConnection(async (connection) => {
    if (version !== undefined) await connection.exec(sqlFile('sessions_drop.sql'));
    await connection.exec(sqlFile('sessions_schema.sql'));
    await applyLayout(connection, ['sessions', 'session_users']);
    await writeSetting(connection, VERSION_SETTING, SESSION_SCHEMA_VERSION);
  });
}
