/**
 * The one interface every layer above `src/db` talks to. Two backends implement it:
 * PGlite (embedded, in-process) and node-postgres (a PostgreSQL server).
 */
export type Row = Record<string, unknown>;

export interface QueryResult<R extends Row = Row> {
  rows: R[];
  /** Rows returned, or affected by INSERT/UPDATE/DELETE/COPY. */
  rowCount: number;
  fields: string[];
}

export interface Queryable {
  /** One statement; user values travel only as `$n` parameters. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** A script of several statements, no parameters (schema files, post-load SQL). */
  exec(script: string): Promise<void>;
}

export interface CopyOptions {
  /** Rows are CSV with this delimiter (an unquoted empty field is NULL); otherwise PostgreSQL's text format. */
  csvDelimiter?: string;
}

/** A single connection: what a transaction or a COPY needs. */
export interface Connection extends Queryable {
  /** COPY `rows` (one line per row) into `table (columns)`. Returns rows copied. */
  copyIn(table: string, columns: readonly string[], rows: string, options?: CopyOptions): Promise<number>;
}

/** The COPY statement both backends send; `source` is STDIN or PGlite's `'/dev/blob'`. */
export function copyStatement(table: string, columns: readonly string[], source: string, options: CopyOptions = {}): string {
  const format = options.csvDelimiter === undefined ? '' : ` WITH (FORMAT csv, DELIMITER ${quoteLiteral(options.csvDelimiter)})`;
  return `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM ${source}${format}`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export type Backend = 'embedded' | 'server';

export interface ConnectionOptions {
  /**
   * Aborting cancels the statement running on the connection (PostgreSQL's cancel request), so a long build or
   * query stops at once; the statement rejects with the server's "canceling statement due to user request".
   */
  signal?: AbortSignal;
}

export interface TransactionOptions extends ConnectionOptions {
  readOnly?: boolean;
}

export interface Database extends Queryable {
  readonly backend: Backend;
  /** Where the data lives, safe to print: a folder, or a URL with the password masked. */
  readonly description: string;
  /** Run `fn` on one dedicated connection; nothing else runs on it meanwhile. */
  withConnection<T>(fn: (connection: Connection) => Promise<T>, options?: ConnectionOptions): Promise<T>;
  /** BEGIN, `fn`, COMMIT; ROLLBACK (and rethrow) if `fn` throws. */
  transaction<T>(fn: (connection: Connection) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/** PostgreSQL type OIDs whose text form we keep or convert the same way on both backends. */
export const PG_TYPES = {
  INT8: 20,
  NUMERIC: 1700,
  DATE: 1082,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
  INTERVAL: 1186,
} as const;

/**
 * Timestamps stay exactly as stored (node-postgres would shift `timestamp` into a local-time Date);
 * counts and sums arrive as numbers, not strings.
 */
export const TYPE_PARSERS: Record<number, (value: string) => unknown> = {
  [PG_TYPES.INT8]: (value) => Number(value),
  [PG_TYPES.NUMERIC]: (value) => Number(value),
  [PG_TYPES.DATE]: (value) => value,
  [PG_TYPES.TIMESTAMP]: (value) => value,
  [PG_TYPES.TIMESTAMPTZ]: (value) => value,
  [PG_TYPES.INTERVAL]: (value) => value,
};

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** BEGIN, `fn`, COMMIT; ROLLBACK and rethrow if `fn` throws. Shared by both backends. */
export async function runInTransaction<T>(
  connection: Connection,
  fn: (connection: Connection) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  options.signal?.throwIfAborted();
  await connection.exec(options.readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
  try {
    const result = await fn(connection);
    await connection.exec('COMMIT');
    return result;
  } catch (error) {
    // The connection may be gone (server stopped, client killed): the original error is the one to report.
    await connection.exec('ROLLBACK').catch(() => {});
    throw error;
  }
}
