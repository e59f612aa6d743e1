import os from 'node:os';
import { quoteIdent, runInTransaction, type Connection, type ConnectionOptions, type Database, type Queryable } from './database.js';
import { sqlFile } from './sql-files.js';

/** Where the tables live: one server, or spread over a Citus cluster's workers. */
export type Layout = { kind: 'single' } | { kind: 'citus'; workers: number };

/**
 * How many hash partitions by user key a table that grows with the events gets on one server. Each is sorted,
 * indexed and searched for repeats on its own, on as many connections as there are cores. 16: at 10M rows one
 * partition's sort (about 625k events) fits the memory a build gets (sql/work_memory.sql), and more connections
 * than partitions would idle; a lookup by user key still plans against one partition (docs/benchmarks.md).
 * A database keeps the count it was made with: the parts are read from the catalog, never from here.
 */
export const KEY_PARTITIONS = 16;

/** Detected, never configured: a database with the citus extension is a Citus coordinator. */
export async function readLayout(db: Queryable): Promise<Layout> {
  const { rows } = await db.query<{ citus: boolean }>(sqlFile('layout_read.sql'));
  if (!rows[0]?.citus) return { kind: 'single' };
  // a separate statement: the function exists only where the extension does
  const workers = await db.query<{ workers: number }>('SELECT count(*)::integer AS workers FROM citus_get_active_worker_nodes()');
  return { kind: 'citus', workers: workers.rows[0]!.workers };
}

/** One line for people: "single server" or "Citus, 2 workers". */
export function describeLayout(layout: Layout): string {
  return layout.kind === 'single' ? 'single server' : `Citus, ${layout.workers} worker${layout.workers === 1 ? '' : 's'}`;
}

/** What `applyLayout` did to a table that already held rows: made by an earlier version, it was moved in place. */
export interface LayoutChange {
  table: string;
  rows: number;
  partitions: number;
}

/**
 * Puts the tables a schema file just created where the layout wants them, each one with a `user_key` column: on
 * Citus, distributed by user key (sql/citus_layout.sql); on one server, split into KEY_PARTITIONS hash partitions by
 * user key. A table still in one piece (just created, or made by an earlier version) is rebuilt partitioned with its
 * rows, indexes and views, in one transaction. Idempotent, so it follows every schema file. Returns the tables that
 * held rows, for one line saying so.
 */
export async function applyLayout(connection: Connection, tables: readonly string[]): Promise<LayoutChange[]> {
  if ((await readLayout(connection)).kind === 'citus') {
    await connection.exec(sqlFile('citus_layout.sql'));
    return [];
  }
  const changes: LayoutChange[] = [];
  for (const table of tables) {
    const { rows } = await connection.query<{ kind: string }>(
      'SELECT relkind::text AS kind FROM pg_class WHERE oid = to_regclass($1)',
      [table],
    );
    if (rows[0]?.kind !== 'r') continue;
    const moved = await runInTransaction(connection, (tx) => partitionTable(tx, table, KEY_PARTITIONS));
    if (moved > 0) changes.push({ table, rows: moved, partitions: KEY_PARTITIONS });
  }
  return changes;
}

/** The one line saying what `applyLayout` moved: "Moved 996,963 rows of mobile_events, made by an earlier version, into 16 partitions by user key." */
export function describeLayoutChanges(changes: readonly LayoutChange[]): string {
  const moved = changes.map((change) => `${change.rows.toLocaleString('en-US')} rows of ${change.table}`).join(' and ');
  return `Moved ${moved}, made by an earlier version, into ${changes[0]!.partitions} partitions by user key.`;
}

/** `table` in one piece becomes `table` in `count` hash partitions by user key, with the same rows, indexes and views. */
async function partitionTable(tx: Connection, table: string, count: number): Promise<number> {
  const name = quoteIdent(table);
  const previous = quoteIdent(`${table}_previous`);
  // every index but the primary key's (re-made with the table), and every view reading the table, as SQL to replay
  const { rows: indexes } = await tx.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i WHERE i.indrelid = $1::regclass AND NOT i.indisprimary`,
    [table],
  );
  const { rows: views } = await tx.query<{ name: string; definition: string }>(
    `SELECT DISTINCT v.oid::regclass::text AS name, pg_get_viewdef(v.oid) AS definition
       FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class
      WHERE d.refobjid = $1::regclass AND v.relkind = 'v'`,
    [table],
  );
  const { rows: keys } = await tx.query<{ name: string; definition: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'`,
    [table],
  );
  for (const view of views) await tx.query(`DROP VIEW ${view.name}`);
  for (const index of indexes) await tx.query(`DROP INDEX ${index.name}`);
  await tx.query(`ALTER TABLE ${name} RENAME TO ${previous}`);
  for (const key of keys) await tx.query(`ALTER TABLE ${previous} RENAME CONSTRAINT ${quoteIdent(key.name)} TO ${quoteIdent(`${key.name}_previous`)}`);
  await tx.query(
    `CREATE TABLE ${name} (LIKE ${previous} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING IDENTITY INCLUDING STORAGE)
       PARTITION BY HASH (user_key)`,
  );
  for (const key of keys) await tx.query(`ALTER TABLE ${name} ADD CONSTRAINT ${quoteIdent(key.name)} ${key.definition}`);
  for (let remainder = 0; remainder < count; remainder++) {
    await tx.query(
      `CREATE TABLE ${quoteIdent(partName(table, remainder))} PARTITION OF ${name} FOR VALUES WITH (MODULUS ${count}, REMAINDER ${remainder})`,
    );
  }
  // LIKE keeps the columns' order, so the rows go across as they are
  const { rowCount } = await tx.query(`INSERT INTO ${name} SELECT * FROM ${previous}`);
  await tx.query(`DROP TABLE ${previous}`);
  for (const index of indexes) await tx.query(index.definition);
  for (const view of views) await tx.query(`CREATE VIEW ${view.name} AS ${view.definition}`);
  return rowCount;
}

function partName(table: string, remainder: number): string {
  return `${table}_p${remainder}`;
}

/**
 * The parts a job over every user key splits into, as the suffix that names each part's tables (`_p3`:
 * mobile_events_p3, sessions_p3, ...): the hash partitions of mobile_events, read from the catalog. Empty when
 * the tables are in one piece to the app (Citus, whose shards already split every statement): do the job whole.
 */
export async function keyParts(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ suffix: string }>(
    `SELECT substr(c.relname, length('mobile_events') + 1) AS suffix
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = to_regclass('mobile_events')
      ORDER BY length(c.relname), c.relname`,
  );
  return rows.map((row) => row.suffix);
}

/**
 * Runs `fn` on the parts, spread over as many dedicated connections as there are cores (one connection of the pool
 * left for anyone else): each connection gets every n-th part, all at once, so it can take their locks first.
 * Waits for every connection, then throws the first failure.
 */
export async function onPartsInParallel(
  db: Database,
  parts: readonly string[],
  options: ConnectionOptions,
  fn: (connection: Connection, parts: string[]) => Promise<void>,
): Promise<void> {
  const lanes = Math.max(1, Math.min(os.availableParallelism(), db.connections - 1, parts.length));
  const shares = Array.from({ length: lanes }, (_, lane) => parts.filter((_, index) => index % lanes === lane));
  const results = await Promise.allSettled(shares.map((share) => db.withConnection((connection) => fn(connection, share), options)));
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * How a statement's step that two parts of it read should run: computed once and kept (MATERIALIZED) on one
 * server; inlined into each reader on Citus, whose planner can push a statement down to the shards only whole.
 * On Citus each shard then computes the step twice, in parallel with the others, instead of every row of it
 * travelling to the coordinator.
 */
export function sharedStep(layout: Layout): 'MATERIALIZED' | 'NOT MATERIALIZED' {
  return layout.kind === 'citus' ? 'NOT MATERIALIZED' : 'MATERIALIZED';
}
