import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pgpass from 'pgpass/lib/helper.js';
import type { ServerSpec, SslMode } from './conninfo.js';

/** A setting's value and who decided it: what was given, a PG* variable, or a default (named for people). */
export interface Resolved<T> {
  value: T;
  /** `given`, `PGHOST`..., `the default`, `your login name`, `the user name` */
  source: string;
}

export type PasswordSource = 'given' | 'PGPASSWORD' | 'pgpass' | 'none';

/** Every setting of a server connection, resolved in psql's order: given, then PG* variables, then defaults. */
export interface ServerSettings {
  /** A host name, an address, or the folder of a Unix socket. */
  host: Resolved<string>;
  port: Resolved<number>;
  database: Resolved<string>;
  user: Resolved<string>;
  sslmode: Resolved<SslMode>;
  options?: string;
}

function pick<T>(given: T | undefined, env: string | undefined, envName: string, fallback: T, fallbackSource: string, parse: (text: string) => T): Resolved<T> {
  if (given !== undefined) return { value: given, source: 'given' };
  if (env !== undefined && env !== '') return { value: parse(env), source: envName };
  return { value: fallback, source: fallbackSource };
}

/** The password file psql reads: PGPASSFILE, or ~/.pgpass. */
export function passwordFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.PGPASSFILE || path.join(env.HOME || os.homedir(), '.pgpass');
}

/** libpq ignores a password file that others can read, or that is not a plain file; so do we, and say why. */
export function passwordFileProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = passwordFile(env);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  if (!stat.isFile()) return `${file} is not a plain file`;
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) return `${file} is ignored because others can read it (chmod 600 it)`;
  return undefined;
}

/** The fields a password-file line is matched on; a socket connection matches `localhost`, as in libpq. */
function pgpassKey(settings: ServerSettings) {
  const host = settings.host.value.startsWith('/') ? 'localhost' : settings.host.value;
  return { host, port: settings.port.value, database: settings.database.value, user: settings.user.value };
}

/** The password ~/.pgpass (or PGPASSFILE) holds for these settings, read with the pgpass package's matching rules. */
export function pgpassPassword(settings: ServerSettings, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (passwordFileProblem(env) !== undefined || !fs.existsSync(passwordFile(env))) return Promise.resolve(undefined);
  return new Promise((resolve) => pgpass.getPassword(pgpassKey(settings), fs.createReadStream(passwordFile(env)), resolve));
}

/**
 * The settings psql would use for `spec`: what was given first, then PGHOST, PGPORT, PGDATABASE, PGUSER, PGSSLMODE
 * and PGOPTIONS, then the defaults (localhost, 5432, the login name, a database named after the user, no SSL).
 */
export function resolveServer(spec: ServerSpec, env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const user = pick(spec.user, env.PGUSER, 'PGUSER', env.USER || os.userInfo().username, 'your login name', String);
  return {
    host: pick(spec.host, env.PGHOST, 'PGHOST', 'localhost', 'the default', String),
    port: pick(spec.port, env.PGPORT, 'PGPORT', 5432, 'the default', Number),
    database: pick(spec.database, env.PGDATABASE, 'PGDATABASE', user.value, 'the user name', String),
    user,
    sslmode: pick(spec.sslmode, env.PGSSLMODE, 'PGSSLMODE', 'disable' as SslMode, 'the default', (text) => text as SslMode),
    ...((spec.options ?? env.PGOPTIONS) ? { options: spec.options ?? env.PGOPTIONS } : {}),
  };
}

/** Where the password will come from, in psql's order: given, PGPASSWORD, then the password file. Never the password. */
export async function passwordSource(spec: ServerSpec, env: NodeJS.ProcessEnv = process.env): Promise<PasswordSource> {
  if (spec.password !== undefined) return 'given';
  if (env.PGPASSWORD) return 'PGPASSWORD';
  return (await pgpassPassword(resolveServer(spec, env), env)) === undefined ? 'none' : 'pgpass';
}

/** A connection as a URL to show: user, host, port and database, never a password, whatever was given. */
export function describeServer(settings: ServerSettings): string {
  const { host, port, database, user } = settings;
  const where = host.value.startsWith('/') ? `?host=${encodeURIComponent(host.value)}` : '';
  const server = host.value.startsWith('/') ? '' : `${host.value.includes(':') ? `[${host.value}]` : host.value}:${port.value}`;
  return `postgresql://${encodeURIComponent(user.value)}@${server}/${encodeURIComponent(database.value)}${where}`;
}

/** node-postgres' TLS settings for a libpq sslmode: `require` encrypts without checking, `verify-full` checks all. */
function sslOf(mode: SslMode): boolean | { rejectUnauthorized: false } | { checkServerIdentity: () => undefined } {
  switch (mode) {
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { checkServerIdentity: () => undefined };
    case 'verify-full':
      return true;
    default:
      // disable, allow, prefer: node-postgres cannot fall back from TLS to plain, so these connect in plain
      return false;
  }
}

export interface PgConnectionConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  ssl: ReturnType<typeof sslOf>;
  options?: string;
  /** Asked only when the server wants a password, so PGPASSWORD and ~/.pgpass are read when needed (as libpq does). */
  password: () => Promise<string | undefined>;
}

/** The settings node-postgres connects with: the password comes from a function, so pg never reads ~/.pgpass itself. */
export function pgConnectionConfig(spec: ServerSpec, env: NodeJS.ProcessEnv = process.env): PgConnectionConfig {
  const settings = resolveServer(spec, env);
  return {
    host: settings.host.value,
    port: settings.port.value,
    database: settings.database.value,
    user: settings.user.value,
    ssl: sslOf(settings.sslmode.value),
    ...(settings.options ? { options: settings.options } : {}),
    // an empty PGPASSWORD means none, as in libpq: the password file is read next
    password: async () => spec.password ?? (env.PGPASSWORD || (await pgpassPassword(settings, env))),
  };
}
