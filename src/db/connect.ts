import { pgConnectionConfig, passwordFileProblem } from '../config/resolve.js';
import { describeTarget, type DatabaseTarget } from '../config/target.js';
import { UserError } from '../errors.js';
import type { Database } from './database.js';
import { PostgresDatabase } from './postgres.js';

/** The setting a failed connection points at, so the setup can put the cursor on it. */
export type ConnectionField = 'host' | 'port' | 'database' | 'user' | 'password';

/** A server that could not be reached or would not let us in: one sentence, the driver's code, the field to fix. */
export class ConnectionError extends UserError {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly field: ConnectionField | undefined,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }

  /** The database named in the settings does not exist (the setup offers to create it). */
  get missingDatabase(): boolean {
    return this.code === '3D000';
  }
}

/** An embedded database's folder that is missing or empty, where the caller did not ask to create one. */
export class NoEmbeddedDatabase extends UserError {
  constructor(readonly folder: string) {
    super(`There is no embedded database in ${folder}; load a file into it first, or check the folder's name.`);
    this.name = 'NoEmbeddedDatabase';
  }
}

interface PgLikeError {
  code?: string;
  message?: string;
  errors?: PgLikeError[];
}

function errorCode(error: PgLikeError): string | undefined {
  return error.code ?? error.errors?.find((e) => e.code)?.code;
}

/** What a driver error means, in one sentence about `where` (a description that never holds a password), and its field. */
function classify(code: string | undefined, message: string, where: string, env: NodeJS.ProcessEnv): [string, ConnectionField?] {
  switch (code) {
    case 'ECONNREFUSED':
      return [`Cannot reach the PostgreSQL server at ${where}: connection refused (is it running, and on that port?).`, 'port'];
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return [`Cannot reach the PostgreSQL server at ${where}: the host name does not resolve.`, 'host'];
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return [`Cannot reach the PostgreSQL server at ${where}: the host does not answer.`, 'host'];
    case 'ENOENT':
      return [`Cannot reach the PostgreSQL server at ${where}: no server listens on that socket.`, 'host'];
    case '28P01':
      return [`Authentication failed for ${where}: wrong password (set it in ~/.pgpass or PGPASSWORD).`, 'password'];
    case '28000':
      return [`Authentication failed for ${where}: the server does not accept this user from here.`, 'user'];
    case '3D000':
      return [`The database in ${where} does not exist (create it, or choose another).`, 'database'];
  }
  if (/timeout/i.test(message)) return [`Cannot reach the PostgreSQL server at ${where}: the connection timed out.`, 'host'];
  if (/password must be a (non-empty )?string|no password/i.test(message)) {
    const ignored = passwordFileProblem(env);
    return [`The server at ${where} asks for a password and none was given (${ignored ?? 'set it in ~/.pgpass or PGPASSWORD'}).`, 'password'];
  }
  return [`Cannot connect to ${where}: ${message.replace(/\.$/, '')}.`];
}

/** Turns a connection failure into a ConnectionError; the password never appears (we describe the settings). */
export function connectionError(error: unknown, target: DatabaseTarget, env: NodeJS.ProcessEnv = process.env): ConnectionError {
  const e = (error ?? {}) as PgLikeError;
  const code = errorCode(e);
  const [message, field] = classify(code, e.message ?? String(error), describeTarget(target, env), env);
  return new ConnectionError(message, code, field);
}

export interface OpenOptions {
  /** An embedded database is created when its folder is missing or empty (load, setup, the app's first run). */
  create?: boolean;
  /** Told what takes time while it opens (the embedded database's first run, its server starting). */
  onNotice?(message: string): void;
}

/** Opens the target; a failure becomes a UserError with one clear sentence (a ConnectionError for a server). */
export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  if (target.kind === 'embedded') {
    const { openEmbedded } = await import('./embedded/open.js');
    try {
      return await openEmbedded(target.dataDir, { create: options.create ?? false, onNotice: options.onNotice });
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError(`Cannot open the embedded database at ${target.dataDir}: ${(error as Error).message.replace(/\.$/, '')}.`);
    }
  }
  try {
    const { password, ...settings } = pgConnectionConfig(target.spec);
    return await PostgresDatabase.open({
      // node-postgres' types want a string; at run time it takes undefined as "no password", and says so on connect
      config: { ...settings, password: password as () => Promise<string>, connectionTimeoutMillis: 10_000 },
      description: describeTarget(target),
      reader: { kind: 'set-role' },
    });
  } catch (error) {
    throw connectionError(error, target);
  }
}
