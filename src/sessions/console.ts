import type { Cell, Database, Statement, StatementColumn } from '../db/database.js';

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

/** Rows fetched at a time: memory holds one page of them. */
export const STATEMENT_PAGE = 5_000;

/** Every row of an open statement, a page at a time as the server sends them. */
export async function* statementPages(statement: Statement, page = STATEMENT_PAGE): AsyncGenerator<readonly Cell[][]> {
  if (statement.firstRows.length > 0) yield statement.firstRows;
  for (let rows = await statement.next(page); rows.length > 0; rows = await statement.next(page)) yield rows;
}

/**
 * The seed's query console, whole: one statement, read-only unless `write`, read to the end into memory (the
 * `query` command streams instead). A failing statement rolls back and its PostgreSQL error propagates.
 */
export async function runQuery(db: Database, sql: string, options: RunQueryOptions = {}): Promise<QueryAnswer> {
  const statement = await db.openStatement(sql, { write: options.write, firstRows: STATEMENT_PAGE });
  try {
    const rows: Cell[][] = [];
    for await (const page of statementPages(statement)) rows.push(...page);
    const finished = statement.finished ?? { command: '', rowCount: rows.length };
    return { columns: statement.columns, rows, ...finished };
  } finally {
    await statement.close();
  }
}

/** JSON keys for the columns: a repeated name gets `_2`, `_3`, so no column is lost. */
function uniqueNames(columns: readonly StatementColumn[]): string[] {
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

/** How a row of these columns reads as a JSON object, one key per column (a repeated name gets `_2`, `_3`). */
export function rowAsJson(columns: readonly StatementColumn[]): (row: readonly Cell[]) => string {
  const names = uniqueNames(columns).map((name) => JSON.stringify(name));
  return (row) => `{${row.map((cell, i) => `${names[i]}: ${jsonCell(cell, columns[i]!.type)}`).join(', ')}}`;
}
