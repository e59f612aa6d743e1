import pg from 'pg';
import Cursor from 'pg-cursor';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import {
  ClientCopyRefused,
  copyStatement,
  runInTransaction,
  TYPE_PARSERS,
  type Cell,
  type ClientUrls,
  type Connection,
  type ConnectionOptions,
  type Database,
  type QueryResult,
  type ReadOnlyMode,
  type Row,
  type Statement,
  type StatementColumn,
  type StatementOptions,
  type TransactionOptions,
} from './database.js';
import { splitStatements } from './statements.js';
import { cancelRunning } from './cancel.js';
import { copyInStream, copyOutStream, stdioCopyOf } from './stdio-copy.js';

const appTypes = {
  getTypeParser(oid: number, format?: string) {
    return TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format as 'text');
  },
};

/** A person's statement shows every value as PostgreSQL prints it: no rounding of bigint or numeric, no Date. */
const textTypes = { getTypeParser: () => (value: string) => value };

/** How each type's text reads: int2, int4, int8, oid, float4, float8, numeric are numbers; bool; json and jsonb. */
const COLUMN_TYPES = new Map<number, StatementColumn['type']>([
  [21, 'number'], [23, 'number'], [20, 'number'], [26, 'number'], [700, 'number'], [701, 'number'], [1700, 'number'],
  [16, 'boolean'],
  [114, 'json'], [3802, 'json'],
]);

/**
 * `query` is one statement: the extended protocol refuses `COMMIT; DELETE ...`, so a read-only transaction around a
 * person's statement cannot be ended from inside it.
 */
function oneStatement(sql: string, params: readonly unknown[]): pg.QueryConfig {
  return { text: sql, values: [...params], queryMode: 'extended' } as pg.QueryConfig;
}

function toResult<R extends Row>(result: pg.QueryResult | pg.QueryResult[]): QueryResult<R> {
  const last = Array.isArray(result) ? result[result.length - 1]! : result;
  return { rows: last.rows as R[], rowCount: last.rowCount ?? last.rows.length, fields: last.fields.map((f) => f.name) };
}

function connectionOf(client: pg.PoolClient): Connection {
  return {
    async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []) {
      return toResult<R>(await client.query(oneStatement(sql, params)));
    },
    async exec(script: string) {
      for (const statement of splitStatements(script)) await client.query(statement);
    },
    async copyIn(table, columns, rows, options) {
      const stream = client.query(copyFrom(copyStatement(table, columns, options)));
      await pipeline(Readable.from([rows]), stream);
      return Number(stream.rowCount ?? 0);
    },
  };
}

/** How a read-only statement of the console is kept away from writes, files and programs. */
export type ReaderSettings =
  /** Connect as a role of its own that can only read (the embedded database has one). */
  | { kind: 'role'; config: pg.PoolConfig }
  /** `SET LOCAL ROLE pg_read_all_data` inside the read-only transaction, where the user may (PostgreSQL 14+). */
  | { kind: 'set-role' };

export interface PostgresOptions {
  /** Connection settings, resolved by src/config (or by the embedded server). */
  config: pg.PoolConfig;
  /** What `description` says: never a password. */
  description: string;
  reader: ReaderSettings;
  /** See Database.clientUrls. */
  clientUrls?: ClientUrls;
  /** Runs once the pools are closed (the embedded server stops there when no other app uses it). */
  onClose?: () => Promise<void>;
}

interface ReaderFacts {
  superuser: boolean;
  can_read_all: boolean;
  reach_out: string[];
}

/** The extensions that reach other sessions or servers, whose writes there no read-only transaction here stops. */
const REACHING_EXTENSIONS = ['dblink', 'postgres_fdw'];

/**
 * What the session's user may do about read-only statements (pg_read_all_data exists from PostgreSQL 14 on). Not on
 * a Citus coordinator: it runs a statement on the workers as the current role, and pg_read_all_data cannot log in.
 */
const READER_FACTS = `
  SELECT r.rolsuper AS superuser,
         CASE WHEN EXISTS (SELECT FROM pg_roles WHERE rolname = 'pg_read_all_data')
                   AND NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus')
              THEN pg_has_role(current_user, 'pg_read_all_data', 'MEMBER') ELSE false END AS can_read_all,
         ARRAY(SELECT extname::text FROM pg_extension WHERE extname = ANY($1) ORDER BY extname) AS reach_out
  FROM pg_roles r WHERE r.rolname = current_user`;

/**
 * How long a person's statement may wait for a lock before it fails: never on the app's own locks (a load's, the
 * presence lock of the embedded server), nor forever behind a long build.
 */
const STATEMENT_LOCK_TIMEOUT = '5s';

/**
 * A client that closes its socket when its connect fails on our side (the server asks for a password and there is
 * none to give): pg-pool drops such a client without ending it, and the server would keep the socket, and with it
 * our process, until its authentication_timeout (a minute by default).
 */
class ClosingClient extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: (error: Error) => void): void;
  override connect(callback?: (error: Error) => void): Promise<pg.Client> | void {
    if (!callback) return super.connect();
    super.connect((error: Error) => {
      if (error) this.end().catch(() => {});
      callback(error);
    });
  }
}

function newPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({ application_name: 'session-explorer', max: 4, ...config, types: appTypes, Client: ClosingClient as never });
  // An idle client whose server goes away emits 'error' on the pool; the next query reports it instead.
  pool.on('error', () => {});
  return pool;
}

/** Connects once, so a bad host, password or database fails here with the server's own reason. */
async function tryConnect(pool: pg.Pool): Promise<void> {
  try {
    (await pool.connect()).release();
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/** A PostgreSQL server through node-postgres: the embedded one, a server of the user's, or a Citus coordinator. */
export class PostgresDatabase implements Database {
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly readerPool: pg.Pool | undefined,
    private readonly setReaderRole: boolean,
    readonly readOnly: ReadOnlyMode,
    private readonly options: PostgresOptions,
  ) {}

  get description(): string {
    return this.options.description;
  }

  get clientUrls(): ClientUrls | undefined {
    return this.options.clientUrls;
  }

  get connections(): number {
    return this.pool.options.max;
  }

  static async open(options: PostgresOptions): Promise<PostgresDatabase> {
    const pool = newPool(options.config);
    await tryConnect(pool);
    let facts: ReaderFacts;
    try {
      facts = (await pool.query<ReaderFacts>(READER_FACTS, [REACHING_EXTENSIONS])).rows[0]!;
    } catch (error) {
      await pool.end();
      throw error;
    }
    const reachOut = facts.reach_out;
    if (options.reader.kind === 'role') {
      const readerPool = newPool({ ...options.reader.config, max: 2 });
      try {
        await tryConnect(readerPool);
      } catch (error) {
        await pool.end();
        throw error;
      }
      return new PostgresDatabase(pool, readerPool, false, { runsAs: 'reader', reachOut }, options);
    }
    // pg_read_all_data is a role to switch to, but a superuser can switch back: only for others does it enforce
    const runsAs = facts.superuser ? 'superuser' : facts.can_read_all ? 'reader' : 'user';
    return new PostgresDatabase(pool, undefined, facts.can_read_all, { runsAs, reachOut }, options);
  }

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    return toResult<R>(await this.pool.query(oneStatement(sql, params)));
  }

  async exec(script: string): Promise<void> {
    await this.withConnection((connection) => connection.exec(script));
  }

  withConnection<T>(fn: (connection: Connection) => Promise<T>, options: ConnectionOptions = {}): Promise<T> {
    return onClient(this.pool, options.signal, (client) => fn(connectionOf(client)));
  }

  transaction<T>(fn: (connection: Connection) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.withConnection((connection) => runInTransaction(connection, fn, options), options);
  }

  async openStatement(sql: string, options: StatementOptions = {}): Promise<Statement> {
    const { write = false, signal, firstRows = 100 } = options;
    signal?.throwIfAborted();
    const copy = stdioCopyOf(sql);
    if ((copy === 'in' && (!write || !options.copyIn)) || (copy === 'out' && !options.copyOut)) throw new ClientCopyRefused(copy);
    const pool = write ? this.pool : (this.readerPool ?? this.pool);
    const client = await pool.connect();
    const cancel = () => void cancelRunning(client);
    signal?.addEventListener('abort', cancel);
    let released = false;
    // A write commits what it did (an error has already rolled it back); a read-only statement has nothing to keep.
    const release = async (broken?: Error) => {
      if (released) return;
      released = true;
      signal?.removeEventListener('abort', cancel);
      // a connection that is lost, or stopped in the middle of a COPY, is dropped: its server rolls back
      if (broken) return client.release(broken);
      // A session-level advisory lock outlives the transaction: on a pooled connection it would stay with the pool,
      // holding up a load. The reader role cannot take one; anyone else's goes with the statement.
      const end = write ? 'COMMIT' : 'ROLLBACK';
      const failed = await client.query(pool === this.readerPool ? end : `${end}; SELECT pg_advisory_unlock_all()`).then(
        () => undefined,
        (error: Error) => error,
      );
      client.release(failed);
      if (failed && write) throw failed;
    };
    try {
      await client.query(write ? 'BEGIN' : 'BEGIN READ ONLY');
      await client.query(`SET LOCAL lock_timeout = '${STATEMENT_LOCK_TIMEOUT}'`);
      if (!write && this.setReaderRole) await client.query('SET LOCAL ROLE pg_read_all_data');
      // a cancel asked for while the transaction began found nothing running: the statement must not start now
      signal?.throwIfAborted();
      if (copy === 'in') {
        const stream = client.query(copyInStream(sql));
        await pipeline(options.copyIn!, stream);
        return new DoneStatement({ command: `COPY ${stream.rowCount}`, rowCount: stream.rowCount }, () => release());
      }
      if (copy === 'out') {
        return new CopyOutStatement(client.query(copyOutStream(sql)), (broken) => release(broken));
      }
      const cursor = client.query(new Cursor(sql, [], { rowMode: 'array', types: textTypes }));
      const first = await readPage(cursor, firstRows);
      return new CursorStatement(cursor, first, () => release());
    } catch (error) {
      await release(isServerError(error) ? undefined : (error as Error));
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.pool.end(), this.readerPool?.end()]);
    await this.options.onClose?.();
  }
}

/** Runs `fn` on a client of `pool`; aborting `signal` cancels what the client runs, and a broken client is dropped. */
async function onClient<T>(pool: pg.Pool, signal: AbortSignal | undefined, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  signal?.throwIfAborted();
  const client = await pool.connect();
  const cancel = () => void cancelRunning(client);
  signal?.addEventListener('abort', cancel);
  // A server that goes away mid-query rejects that query; without a listener the client's 'error' event would
  // also crash the process.
  const ignore = () => {};
  client.on('error', ignore);
  let broken: Error | undefined;
  try {
    return await fn(client);
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    signal?.removeEventListener('abort', cancel);
    client.off('error', ignore);
    // A client that failed mid-COPY or lost its server must not go back to the pool.
    client.release(broken);
  }
}

/** An error the server reported (it has a SQLSTATE): the connection is still good, unlike after a lost socket. */
function isServerError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

interface CursorResult {
  fields: { name: string; dataTypeID: number }[];
  command: string | null;
  rowCount: number | null;
}

interface Page {
  rows: Cell[][];
  result: CursorResult;
}

/** A page of rows with the result they belong to (its fields, and its command tag once the rows ran out). */
function readPage(cursor: Cursor, count: number): Promise<Page> {
  return new Promise((resolve, reject) => {
    cursor.read(count, (error, rows, result) => (error ? reject(error) : resolve({ rows: rows as Cell[][], result: result as unknown as CursorResult })));
  });
}

function columnsOf(result: CursorResult): StatementColumn[] {
  return result.fields.map((f) => ({ name: f.name, type: COLUMN_TYPES.get(f.dataTypeID) ?? 'text' }));
}

function finishedOf(result: CursorResult, fetched: number): Statement['finished'] {
  const { command, rowCount } = result;
  if (command === null) return undefined;
  return { command: rowCount === null ? command : `${command} ${rowCount}`, rowCount: rowCount ?? fetched };
}

class CursorStatement implements Statement {
  readonly columns: readonly StatementColumn[];
  readonly firstRows: readonly Cell[][];
  finished: Statement['finished'];
  private fetched: number;

  constructor(
    private readonly cursor: Cursor,
    first: Page,
    private readonly release: () => Promise<void>,
  ) {
    this.columns = columnsOf(first.result);
    this.firstRows = first.rows;
    this.fetched = first.rows.length;
    this.finished = finishedOf(first.result, this.fetched);
  }

  async next(count: number): Promise<Cell[][]> {
    if (this.finished) return [];
    const { rows, result } = await readPage(this.cursor, count);
    this.fetched += rows.length;
    this.finished = finishedOf(result, this.fetched);
    return rows;
  }

  async close(): Promise<void> {
    await this.cursor.close().catch(() => {});
    await this.release();
  }
}

/** A statement with no rows that has run to its end (a `COPY ... FROM STDIN`). */
class DoneStatement implements Statement {
  readonly columns = [];
  readonly firstRows = [];

  constructor(
    readonly finished: Statement['finished'],
    readonly close: () => Promise<void>,
  ) {}

  async next(): Promise<Cell[][]> {
    return [];
  }
}

/** A `COPY ... TO STDOUT`: no rows, its output a stream; finished once that stream has ended. */
class CopyOutStatement implements Statement {
  readonly columns = [];
  readonly firstRows = [];
  private ended = false;
  private failed: Error | undefined;

  constructor(
    readonly copyOut: Readable & { rowCount: number },
    private readonly release: (broken?: Error) => Promise<void>,
  ) {
    copyOut.once('end', () => (this.ended = true));
    copyOut.once('error', (error: Error) => (this.failed = error));
  }

  get finished(): Statement['finished'] {
    // the count comes with the command tag, just after the data's end
    return this.ended ? { command: `COPY ${this.copyOut.rowCount}`, rowCount: this.copyOut.rowCount } : undefined;
  }

  async next(): Promise<Cell[][]> {
    return [];
  }

  async close(): Promise<void> {
    // Closed before its end (the reader went away): the connection is mid-copy, so it is dropped, not reused.
    const midway = !this.ended && !this.failed;
    await this.release(midway ? new Error('closed during COPY') : this.failed && !isServerError(this.failed) ? this.failed : undefined);
  }
}
