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

/** A PostgreSQL server through node-postgres. PG* variables and ~/.pgpass fill what the config leaves out, as in libpq. */
export class ServerDatabase implements Database {
  readonly backend = 'server' as const;

  private constructor(
    private readonly pool: pg.Pool,
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
    return new ServerDatabase(pool, description);
  }

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    return toResult<R>(await this.pool.query(oneStatement(sql, params)));
  }

  async exec(script: string): Promise<void> {
    await this.pool.query(script);
  }

  async withConnection<T>(fn: (connection: Connection) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
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
      client.off('error', ignore);
      // A client that failed mid-COPY or lost its server must not go back to the pool.
      client.release(broken);
    }
  }

  transaction<T>(fn: (connection: Connection) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.withConnection((connection) => runInTransaction(connection, fn, options));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
