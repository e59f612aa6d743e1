/**
 * The one interface every layer above `src/db` talks to. There is one implementation, on node-postgres
 * (`postgres.ts`), whether the server is the embedded one the app runs itself, a server of the user's, or a Citus
 * coordinator: nothing above this folder knows which.
 */
import { UserError } from '../errors.js';

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
  /**
   * A script of several statements, no parameters (schema files, post-load SQL), sent one statement at a time on one
   * connection (src/db/statements.ts says why): outside a transaction each commits on its own, so scripts are idempotent.
   */
  exec(script: string): Promise<void>;
}

export interface CopyOptions {
  /** Rows are CSV with this delimiter; an unquoted empty field is NULL. */
  delimiter: string;
}

/** A single connection: what a transaction or a COPY needs. */
export interface Connection extends Queryable {
  /** COPY CSV `rows` (one line per row, as text or as the bytes of UTF-8 text) into `table (columns)`. Returns rows copied. */
  copyIn(table: string, columns: readonly string[], rows: string | Buffer, options: CopyOptions): Promise<number>;
}

/** The COPY statement the loader sends. */
export function copyStatement(table: string, columns: readonly string[], { delimiter }: CopyOptions): string {
  return `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN WITH (FORMAT csv, DELIMITER ${quoteLiteral(delimiter)})`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

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

/** A column of a user's statement, taken by position: two columns may share a name. */
export interface StatementColumn {
  name: string;
  /** What its cells hold, as far as showing them goes: numbers read best right-aligned, JSON keeps them as numbers. */
  type: 'number' | 'boolean' | 'json' | 'text';
}

/** A cell exactly as PostgreSQL prints it (bigint and numeric to the last digit); null is SQL NULL. */
export type Cell = string | null;

export interface StatementOptions extends ConnectionOptions {
  /** Allow changes. Without it the statement runs read-only, under a role that cannot touch files or programs. */
  write?: boolean;
  /** Rows fetched before `openStatement` returns: the first page. */
  firstRows?: number;
  /** Take a `COPY ... TO STDOUT`: its output comes as `Statement.copyOut`. Without it such a statement is refused. */
  copyOut?: boolean;
  /** What a `COPY ... FROM STDIN` reads (with `write` only); read to its end before `openStatement` returns. */
  copyIn?: NodeJS.ReadableStream;
}

/** A `COPY` through the client that this caller cannot serve: the console has no standard input or output to give. */
export class ClientCopyRefused extends UserError {
  constructor(readonly direction: 'in' | 'out') {
    super(
      direction === 'in'
        ? 'COPY ... FROM STDIN reads standard input, which only `session-explorer query --write` gives it: run it there, with the data piped in.'
        : 'COPY ... TO STDOUT writes to standard output, which only `session-explorer query` prints: run it there, or SELECT the rows here.',
      2,
    );
    this.name = 'ClientCopyRefused';
  }
}

/**
 * A statement a person typed (the SQL console), running: its rows come a page at a time through a cursor, so a
 * `SELECT *` of millions of rows costs only what is shown.
 */
export interface Statement {
  readonly columns: readonly StatementColumn[];
  /** The first page of rows, fetched by `openStatement`. */
  readonly firstRows: readonly Cell[][];
  /** Set once every row has been fetched: the command tag ("SELECT 3", "DELETE 12") and its row count. */
  readonly finished: { command: string; rowCount: number } | undefined;
  /**
   * A `COPY ... TO STDOUT`'s output as the server sends it, page by page (read it to its end: `finished` is set
   * then, and a failure is its error); undefined for any other statement.
   */
  readonly copyOut?: NodeJS.ReadableStream;
  /** Up to `count` more rows; an empty array once they run out. The statement's signal cancels it too. */
  next(count: number): Promise<Cell[][]>;
  /** Ends the statement: a read-only one rolls back, a write commits what it did. Safe to call twice. */
  close(): Promise<void>;
}

export interface ClientUrls {
  owner: string;
  reader: string;
}

export interface ReadOnlyMode {
  /**
   * `reader`: a role that can only read, so a statement cannot write or reach files and programs even on purpose.
   * `superuser`: a superuser, who could undo any guard: read-only is a guard against mistakes, not a permission.
   * `user`: the session's own role (no superuser, no read-all role to switch to) inside a read-only transaction:
   * what it owns it may still lock, and functions it may run may act outside the transaction.
   */
  runsAs: 'reader' | 'superuser' | 'user';
  /** Installed extensions that reach other sessions or servers (dblink, postgres_fdw): what they do there is not read-only. */
  reachOut: readonly string[];
}

export interface Database extends Queryable {
  /** Where the data lives, safe to print (never a password): `embedded database at <folder>`, or host and database. */
  readonly description: string;
  /** Who a read-only statement runs as, and what reaches beyond it: what the console's mode line says. */
  readonly readOnly: ReadOnlyMode;
  /**
   * libpq URLs on which a client of the user's own (psql, pgcli, DBeaver) reaches this database while it is open:
   * as its owner, and as a role that can only read. Given where the app alone knows them (the embedded server's
   * socket); undefined for a server, whose URL the user already has.
   */
  readonly clientUrls?: ClientUrls;
  /** How many dedicated connections `withConnection` can hand out at once (the pool's size). */
  readonly connections: number;
  /** Run `fn` on one dedicated connection; nothing else runs on it meanwhile. */
  withConnection<T>(fn: (connection: Connection) => Promise<T>, options?: ConnectionOptions): Promise<T>;
  /** BEGIN, `fn`, COMMIT; ROLLBACK (and rethrow) if `fn` throws. */
  transaction<T>(fn: (connection: Connection) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs one statement typed by a person; see `Statement`. A failing statement rejects with the server's error. */
  openStatement(sql: string, options?: StatementOptions): Promise<Statement>;
  close(): Promise<void>;
}

/** PostgreSQL type OIDs whose text form we keep or convert ourselves. */
export const PG_TYPES = {
  INT8: 20,
  NUMERIC: 1700,
  DATE: 1082,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
  INTERVAL: 1186,
} as const;

/**
 * For the app's own queries: timestamps stay exactly as stored (node-postgres would shift `timestamp` into a
 * local-time Date); counts and sums arrive as numbers, not strings.
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

/** BEGIN, `fn`, COMMIT; ROLLBACK and rethrow if `fn` throws. */
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
