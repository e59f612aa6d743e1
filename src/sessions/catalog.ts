import type { Queryable } from '../db/database.js';

/** A table or view a person can query from the console, with its columns in their order. */
export interface Relation {
  name: string;
  kind: 'table' | 'view';
  columns: { name: string; type: string }[];
}

/**
 * The tables and views of the schemas on the search path (the app's own and any a person made; partitions left
 * out), for the console's `\dt`, `\d name` and its completion of names.
 */
export async function listRelations(db: Queryable): Promise<Relation[]> {
  const { rows } = await db.query<{ relation: string; kind: string; column_name: string | null; column_type: string | null }>(
    `SELECT c.relname AS relation,
            CASE WHEN c.relkind IN ('v', 'm') THEN 'view' ELSE 'table' END AS kind,
            a.attname AS column_name,
            format_type(a.atttypid, a.atttypmod) AS column_type
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
        -- a partition is where its table keeps some rows: the table is what one queries
        AND NOT c.relispartition
        AND n.nspname = ANY (current_schemas(false))
      ORDER BY c.relname, a.attnum`,
  );
  const relations = new Map<string, Relation>();
  for (const row of rows) {
    let relation = relations.get(row.relation);
    if (!relation) {
      relation = { name: row.relation, kind: row.kind === 'view' ? 'view' : 'table', columns: [] };
      relations.set(row.relation, relation);
    }
    if (row.column_name !== null) relation.columns.push({ name: row.column_name, type: row.column_type ?? '' });
  }
  return [...relations.values()];
}
