import type { Cell, Database, StatementColumn } from '../db/database.js';

export interface RunQueryOptions {
  /** Allow changes; without it the statement runs read-only, as a role that can only read. */
  write?: boolean;
}

/** A statement's whole answer: every row, cells exactly as PostgreSQL prints them, columns by position. */
export interface QueryAnswer {
  columns: readonly StatementColumn[];
  rows: Cell[][];
  /** The command tag, e.g. "SELECT 3" or "DELETE 12", and the rows it returned or changed. */
  command: string;
  rowCount: number;
}

const PAGE = 5_000;

/**
 * The seed's query console for the command line: one statement, read-only unless `write`, read to the end.
 * A failing statement rolls back and its PostgreSQL error propagates.
 */
export async function runQuery(db: Database, sql: string, options: RunQueryOptions = {}): Promise<QueryAnswer> {
  const statement = await db.openStatement(sql, { write: options.write, firstRows: PAGE });
  try {
    const rows = [...statement.firstRows];
    for (let page = await statement.next(PAGE); page.length > 0; page = await statement.next(PAGE)) rows.push(...page);
    const finished = statement.finished ?? { command: '', rowCount: rows.length };
    return { columns: statement.columns, rows, ...finished };
  } finally {
    await statement.close();
  }
}

/** JSON keys for the columns: a repeated name gets `_2`, `_3`, so no column is lost. */
export function uniqueNames(columns: readonly StatementColumn[]): string[] {
  const seen = new Map<string, number>();
  return columns.map(({ name }) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${count}`;
  });
}

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** One cell as JSON text: numbers written digit for digit (no rounding through a double), booleans, JSON as is. */
function jsonCell(cell: Cell, type: StatementColumn['type']): string {
  if (cell === null) return 'null';
  if (type === 'number' && JSON_NUMBER.test(cell)) return cell;
  if (type === 'boolean') return cell === 't' ? 'true' : 'false';
  if (type === 'json') return cell;
  return JSON.stringify(cell);
}

/** The rows as a JSON array of objects, one key per column. */
export function answerAsJson(answer: Pick<QueryAnswer, 'columns' | 'rows'>): string {
  const names = uniqueNames(answer.columns).map((name) => JSON.stringify(name));
  const rows = answer.rows.map(
    (row) => `  {${row.map((cell, i) => `${names[i]}: ${jsonCell(cell, answer.columns[i]!.type)}`).join(', ')}}`,
  );
  return rows.length === 0 ? '[]' : `[\n${rows.join(',\n')}\n]`;
}
