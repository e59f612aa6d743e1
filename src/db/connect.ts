import { pgConnectionConfig, resolveServer, serverCandidates, type SessionAttrs } from '../config/resolve.js';
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

/** The server itself said why (a SQLSTATE), in words that never hold a password. */
const isServerError = (error: unknown) => /^[0-9A-Z]{5}$/.test(errorCode((error ?? {}) as PgLikeError) ?? '');

/** Node's codes for a server that cannot be reached at all: trying again another way cannot help. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOENT']);

/** What went wrong while connecting, beyond the driver's error, that only the app knows. */
interface ConnectFacts {
  /** The server asked for a password and none was found. */
  passwordMissing: boolean;
  /** Why the password file was not read. */
  passwordFileProblem?: string;
}

/** What a driver error means, in one sentence about `where` (a description that never holds a password), and its field. */
function classify(code: string | undefined, message: string, where: string, facts: ConnectFacts): [string, ConnectionField?] {
  const reason = message.replace(/\.$/, '');
  if (facts.passwordMissing) {
    return [`The server at ${where} asks for a password and none was given (${facts.passwordFileProblem ?? 'set it in ~/.pgpass or PGPASSWORD'}).`, 'password'];
  }
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
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return [`The server at ${where} shows a certificate for another host name (sslmode verify-full): ${reason}.`, 'host'];
    case '28P01':
      return [`Authentication failed for ${where}: ${reason} (set the password in ~/.pgpass or PGPASSWORD).`, 'password'];
    case '3D000':
      return [`Cannot connect to ${where}: ${reason} (create it, or choose another).`, 'database'];
  }
  // the server's own reason for refusing: no such role, no pg_hba.conf line for this host, user and database...
  if (code?.startsWith('28')) return [`Authentication failed for ${where}: ${reason}.`, 'user'];
  // Node's codes for a certificate it does not trust: SELF_SIGNED_CERT_IN_CHAIN, UNABLE_TO_VERIFY_LEAF_SIGNATURE...
  if (code !== undefined && /CERT|SIGNATURE|ISSUER|CRL/.test(code)) {
    return [`The certificate of the server at ${where} does not verify against the root certificate (sslrootcert) and revocation list (sslcrl): ${reason}.`];
  }
  if (/timeout/i.test(message)) return [`Cannot reach the PostgreSQL server at ${where}: the connection timed out.`, 'host'];
  return [`Cannot connect to ${where}: ${reason}.`];
}

/** Turns a connection failure into a ConnectionError; the password never appears (we describe the settings). */
export function connectionError(error: unknown, target: DatabaseTarget, facts: ConnectFacts = { passwordMissing: false }, env: NodeJS.ProcessEnv = process.env): ConnectionError {
  const e = (error ?? {}) as PgLikeError;
  const code = errorCode(e);
  const [message, field] = classify(code, e.message ?? String(error), describeTarget(target, env), facts);
  return new ConnectionError(message, code, field);
}

/** What the server is, for libpq's target_session_attrs. */
const SESSION_FACTS = "SELECT pg_is_in_recovery() AS standby, current_setting('transaction_read_only') = 'on' AS read_only";

/** Why the server is not what target_session_attrs asks for, or undefined when it is (with one host, prefer-standby takes any). */
async function sessionMismatch(db: Database, attrs: SessionAttrs): Promise<string | undefined> {
  if (attrs === 'any' || attrs === 'prefer-standby') return undefined;
  const facts = (await db.query<{ standby: boolean; read_only: boolean }>(SESSION_FACTS)).rows[0]!;
  const wanted: Record<Exclude<SessionAttrs, 'any' | 'prefer-standby'>, [boolean, string]> = {
    'read-write': [!facts.read_only, 'its sessions are read-only'],
    'read-only': [facts.read_only, 'its sessions can write'],
    primary: [!facts.standby, 'it is a standby'],
    standby: [facts.standby, 'it is not a standby'],
  };
  const [ok, why] = wanted[attrs];
  return ok ? undefined : why;
}

export interface OpenOptions {
  /** An embedded database is created when its folder is missing or empty (load, setup, the app's first run). */
  create?: boolean;
  /** Told what takes time while it opens (the embedded database's first run, its server starting). */
  onNotice?(message: string): void;
  /** Where PG* variables, services and ~/.postgresql are read from (the process's own by default). */
  env?: NodeJS.ProcessEnv;
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
  // a setting libpq would refuse is a UserError of its own, before any connection is tried
  const env = options.env ?? process.env;
  const candidates = serverCandidates(target.spec, env);
  const attrs = resolveServer(target.spec, env).targetSessionAttrs;
  // libpq tries each host in turn; prefer-standby goes round once for a standby, then takes any
  const rounds: SessionAttrs[] = attrs === 'prefer-standby' && candidates.length > 1 ? ['standby', 'any'] : [attrs];
  let failure: unknown;
  for (const wanted of rounds) {
    for (const spec of candidates) {
      try {
        return await openServer({ kind: 'server', spec }, wanted, env);
      } catch (error) {
        if (!(error instanceof ConnectionError)) throw error;
        failure = error;
      }
    }
  }
  if (candidates.length === 1) throw failure;
  const last = failure as ConnectionError;
  throw new ConnectionError(`None of the ${candidates.length} hosts would do; the last one tried: ${last.message}`, last.code, last.field);
}

/** One server, as libpq connects to one host: TLS by sslmode, then target_session_attrs checked. */
async function openServer(target: Extract<DatabaseTarget, { kind: 'server' }>, attrs: SessionAttrs, env: NodeJS.ProcessEnv): Promise<Database> {
  const config = pgConnectionConfig(target.spec, env);
  const description = describeTarget(target, env);
  const { password, passwordMissing, passwordFileProblem, tlsPlan, ssl, connectionTimeoutMillis, ...settings } = config;
  const open = (tls: boolean) =>
    PostgresDatabase.open({
      // node-postgres' types want a string; at run time it takes undefined as "no password", and says so on connect
      config: {
        ...settings,
        ssl: tls ? ssl : false,
        password: password as () => Promise<string>,
        // libpq waits for ever without connect_timeout; a script here gets an answer within 10 s
        connectionTimeoutMillis: connectionTimeoutMillis ?? 10_000,
      },
      description,
      reader: { kind: 'set-role' },
    });
  // libpq's allow tries plain text first, prefer TLS first, each falling back to the other when the first is
  // refused; a server that cannot be reached at all is not tried twice. When both fail, the reason told is the
  // server's own (a SQLSTATE), the last one first.
  const withFallback = async (first: boolean) => {
    let firstError: unknown;
    try {
      return await open(first);
    } catch (error) {
      if (UNREACHABLE.has(errorCode(error as PgLikeError) ?? '')) throw error;
      firstError = error;
    }
    try {
      return await open(!first);
    } catch (error) {
      throw isServerError(error) || !isServerError(firstError) ? error : firstError;
    }
  };
  let db: Database;
  try {
    db = await (tlsPlan === 'allow' ? withFallback(false) : tlsPlan === 'prefer' ? withFallback(true) : open(tlsPlan === 'always'));
  } catch (error) {
    throw connectionError(error, target, { passwordMissing: passwordMissing(), passwordFileProblem: passwordFileProblem() }, env);
  }
  const mismatch = await sessionMismatch(db, attrs).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  if (mismatch !== undefined) {
    await db.close();
    throw new ConnectionError(`The server at ${description} does not suit target_session_attrs=${attrs}: ${mismatch}.`, undefined, 'host');
  }
  return db;
}
