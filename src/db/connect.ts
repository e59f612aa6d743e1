import { describeTarget, type DatabaseTarget } from '../config/target.js';
import { UserError } from '../errors.js';
import type { Database } from './database.js';


interface PgLikeError {
  code?: string;
  message?: string;
  errors?: PgLikeError[];
}

function errorCode(error: PgLikeError): string | undefined {
  return error.code ?? error.errors?.find((e) => e.code)?.code;
}

/** Turns a connection failure into one sentence; the password never appears (we print the masked target). */
export function describeConnectionError(error: unknown, target: DatabaseTarget): string {
  const where = describeTarget(target);
  const e = (error ?? {}) as PgLikeError;
  const message = e.message ?? String(error);
  switch (errorCode(e)) {
    case 'ECONNREFUSED':
      return `Cannot reach the PostgreSQL server at ${where}: connection refused (is it running, and on that port?).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot reach the PostgreSQL server at ${where}: the host name does not resolve.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `Cannot reach the PostgreSQL server at ${where}: the host does not answer.`;
    case '28P01':
      return `Authentication failed for ${where}: wrong password (set it in ~/.pgpass or PGPASSWORD).`;
    case '28000':
      return `Authentication failed for ${where}: the server does not accept this user from here.`;
    case '3D000':
      return `The database in ${where} does not exist (create it, or choose another).`;
  }
  if (/timeout/i.test(message)) return `Cannot reach the PostgreSQL server at ${where}: the connection timed out.`;
  if (/password must be a string|no password/i.test(message)) {
    return `The server at ${where} asks for a password and none was given (set it in ~/.pgpass or PGPASSWORD).`;
  }
  return `Cannot connect to ${where}: ${message.replace(/\.$/, '')}.`;
}

export function isMissingDatabase(error: unknown): boolean {
  return errorCode((error ?? {}) as PgLikeError) === '3D000';
}

/** Opens the target; a failure becomes a UserError with one clear sentence. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  try {
    // Each backend is loaded only when chosen: PGlite alone adds tens of MB to a process that never uses it.
    if (target.kind === 'embedded') {
      const { EmbeddedDatabase } = await import('./embedded.js');
      return await EmbeddedDatabase.open(target.dataDir);
    }
    const { ServerDatabase } = await import('./server.js');
    const { url, host, port, database, user, password, ssl } = target;
    return await ServerDatabase.open(
      { connectionString: url, host, port, database, user, password, ssl, connectionTimeoutMillis: 10_000 },
      describeTarget(target),
    );
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (target.kind === 'embedded') {
      throw new UserError(`Cannot open the embedded database at ${target.dataDir}: ${(error as Error).message.replace(/\.$/, '')}.`);
    }
    // The driver's error stays attached: the setup wizard offers to create a missing database.
    throw new UserError(describeConnectionError(error, target), 1, { cause: error });
  }
}
