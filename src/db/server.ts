import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import {
  copyStatement,
  runInTransaction,
  TYPE_PARSERS,
  type Connection,
  type Database,
  type QueryResult,
  type ConnectionOptions,
  type Row,
  type TransactionOptions,
} from './database.js';

const types = {
  getTypeParser(oid: number, format?: string) {
    return TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * `query` is one statement on both backends: the extended protocol refuses `COMMIT; DELETE ...` as PGlite does,
 * so a read-only transaction around a user's statement cannot be ended from inside it.
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
      await client.query(script);
    },
    async copyIn(table, columns, rows, options) {
      const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN', options)));
      await pipeline(Readable.from([rows]), stream);
      return Number(stream.rowCount ?? 0);
    },
  };
}

/**
 * Asks the server to cancel whatever `client` runs now: PostgreSQL's cancel request, sent on a connection of its
 * own with the backend's key, so it needs no privilege and works while the client waits for its answer.
 */
function cancelRunning(client: pg.PoolClient, config: pg.PoolConfig): Promise<void> {
  const { processID, secretKey, connectionParameters } = client as unknown as PgClientInternals;
  if (processID === null || secretKey === null) return Promise.resolve();
  const { host, port } = connectionParameters;
  const connection = new pg.Connection({ ssl: config.ssl }) as pg.Connection & CancelConnection;
  return new Promise((resolve) => {
    connection.once('connect', () => connection.cancel(processID, secretKey));
    // The server closes the connection once it has read the request; a refused one has nothing left to cancel.
    connection.once('end', () => resolve());
    connection.once('error', () => resolve());
    if (host.startsWith('/')) connection.connect(`${host}/.s.PGSQL.${port}`);
    else connection.connect(port, host);
  });
}

/** What node-postgres keeps of a connection and leaves out of its types: what a cancel request needs. */
interface PgClientInternals {
  processID: number | null;
  secretKey: number | null;
  connectionParameters: { host: string; port: number };
}

interface CancelConnection {
  connect(portOrPath: number | string, host?: string): void;
  cancel(processID: number, secretKey: number): void;
}

/** A PostgreSQL server through node-postgres. PG* variables and ~/.pgpass fill what the config leaves out, as in libpq. */
export class ServerDatabase implements Database {
  readonly backend = 'server' as const;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly config: pg.PoolConfig,
    readonly description: string,
  ) {}

  /** Connects once, so a bad host, password or database fails here with the server's own reason. */
  static async open(config: pg.PoolConfig, description: string): Promise<ServerDatabase> {
    const pool = new pg.Pool({ ...config, types, max: 4, application_name: 'session-explorer' });
    // An idle client whose server goes away emits 'error' on the pool; the next query reports it instead.
    pool.on('error', () => {});
    try {
      const client = await pool.connect();
      client.release();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new ServerDatabase(pool, config, description);
  }

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    return toResult<R>(await this.pool.query(oneStatement(sql, params)));
  }

  async exec(script: string): Promise<void> {
    await this.pool.query(script);
  }

  async withConnection<T>(fn: (connection: Connection) => Promise<T>, options: ConnectionOptions = {}): Promise<T> {
    const { signal } = options;
    signal?.throwIfAborted();
    const client = await this.pool.connect();
    const cancel = () => void cancelRunning(client, this.config);
    signal?.addEventListener('abort', cancel);
    // A server that goes away mid-query rejects that query; without a listener the client's 'error' event
    // would also crash the process.
    const ignore = () => {};
    client.on('error', ignore);
    let broken: Error | undefined;
    try {
      return await fn(connectionOf(client));
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

  transaction<T>(fn: (connection: Connection) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.withConnection((connection) => runInTransaction(connection, fn, options), options);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
