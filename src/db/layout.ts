import type { Queryable } from './database.js';
import { sqlFile } from './sql-files.js';

/** Where the tables live: one server, or spread over a Citus cluster's workers. */
export type Layout = { kind: 'single' } | { kind: 'citus'; workers: number };

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

/**
 * Puts the tables a schema file just created where the layout wants them: nothing to do on one server; on Citus,
 * distributed by user key (sql/citus_layout.sql). Idempotent, so it follows every schema file.
 */
export async function applyLayout(db: Queryable): Promise<void> {
  if ((await readLayout(db)).kind === 'citus') await db.exec(sqlFile('citus_layout.sql'));
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
