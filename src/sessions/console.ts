import type { Database, QueryResult } from '../db/database.js';

export interface RunQueryOptions {
  /** Allow changes; without it the statement runs in a read-only transaction. */
  write?: boolean;
}

/**
 * The seed's query console: one statement, typed by the user, in a transaction that is read-only unless `write`.
 * A failing statement rolls back and its PostgreSQL error propagates (the TUI shows it inline).
 */
export function runQuery(db: Database, sql: string, options: RunQueryOptions = {}): Promise<QueryResult> {
  return db.transaction((connection) => connection.query(sql), { readOnly: !options.write });
}
