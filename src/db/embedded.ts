import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
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
import { Mutex } from './mutex.js';
import { acquireFolderLock, type FolderLock } from './folder-lock.js';

function toResult<R extends Row>(result: { rows: unknown[]; affectedRows?: number; fields: { name: string }[] }): QueryResult<R> {
  return {
    rows: result.rows as R[],
    rowCount: result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0),
    fields: result.fields.map((f) => f.name),
  };
}

function connectionOf(pg: PGlite): Connection {
  return {
    async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []) {
      return toResult<R>(await pg.query(sql, [...params]));
    },
    async exec(script: string) {
      await pg.exec(script);
    },
    async copyIn(table, columns, rows, options) {
      const result = await pg.query(copyStatement(table, columns, "'/dev/blob'", options), [], { blob: new Blob([rows]) });
      return result.affectedRows ?? 0;
    },
  };
}

/** PGlite: real PostgreSQL compiled to WASM, persisted in a folder. One connection, shared behind a mutex. */
export class EmbeddedDatabase implements Database {
  readonly backend = 'embedded' as const;
  private readonly mutex = new Mutex();
  private readonly connection: Connection;

  private constructor(
    private readonly pg: PGlite,
    private readonly lock: FolderLock,
    readonly description: string,
  ) {
    this.connection = connectionOf(pg);
  }

  static async open(dataDir: string): Promise<EmbeddedDatabase> {
    const folder = path.resolve(dataDir);
    fs.mkdirSync(folder, { recursive: true });
    const lock = acquireFolderLock(folder);
    try {
      const pg = await PGlite.create(folder, { parsers: TYPE_PARSERS });
      return new EmbeddedDatabase(pg, lock, folder);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return this.mutex.run(() => this.connection.query<R>(sql, params));
  }

  exec(script: string): Promise<void> {
    return this.mutex.run(() => this.connection.exec(script));
  }

  withConnection<T>(fn: (connection: Connection) => Promise<T>): Promise<T> {
    return this.mutex.run(() => fn(this.connection));
  }

  transaction<T>(fn: (connection: Connection) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.withConnection((connection) => runInTransaction(connection, fn, options));
  }

  async close(): Promise<void> {
    try {
      if (!this.pg.closed) await this.mutex.run(() => this.pg.close());
    } finally {
      this.lock.release();
    }
  }
}
