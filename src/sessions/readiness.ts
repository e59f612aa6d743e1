import type { Queryable } from '../db/database.js';
import { UserError } from '../errors.js';
import { sessionSchemaIsCurrent } from './schema.js';

async function tablesPresent(db: Queryable): Promise<{ events: boolean; sessions: boolean }> {
  const { rows } = await db.query<{ events: boolean; sessions: boolean }>(
    "SELECT to_regclass('mobile_events') IS NOT NULL AS events, to_regclass('sessions') IS NOT NULL AS sessions",
  );
  return rows[0]!;
}

async function requireEventsIn(db: Queryable, tables: { events: boolean }): Promise<void> {
  const loaded = tables.events && (await db.query('SELECT 1 FROM mobile_events LIMIT 1')).rowCount > 0;
  if (!loaded) throw new UserError('No events loaded yet; run `load <file>` first.');
}

/** Building sessions needs events: on an empty database, say which step comes first instead of a SQL error. */
export async function requireEvents(db: Queryable): Promise<void> {
  await requireEventsIn(db, await tablesPresent(db));
}

/** Lookups read what the load and the sessions build made: say which one is missing, if any. */
export async function requireSessions(db: Queryable): Promise<void> {
  const tables = await tablesPresent(db);
  await requireEventsIn(db, tables);
  if (!tables.sessions) throw new UserError('Sessions are not built yet; run `rebuild` first.');
  if (!(await sessionSchemaIsCurrent(db))) throw new UserError('Sessions were built by another version; run `rebuild` first.');
}
