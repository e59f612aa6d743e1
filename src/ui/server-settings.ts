import os from 'node:os';
import type { DatabaseProfile } from '../config/profile.js';
import { pgpassHasEntry } from '../config/pgpass.js';
import type { DatabaseTarget } from '../config/target.js';

/** What the wizard asks for a server; every field may be left empty for libpq's default. */
export interface ServerFields {
  host: string;
  port: string;
  database: string;
  user: string;
  /** Typed masked; kept in memory for this run only. */
  password: string;
}

export type FieldName = keyof ServerFields;

export const emptyFields: ServerFields = { host: '', port: '', database: '', user: '', password: '' };

/** What an empty field stands for, and who says so: `localhost` and "the default", `db1` and "PGHOST". */
export interface FieldDefault {
  value?: string;
  source: string;
}

/** The value node-postgres uses for each field left empty: PG* variables first, then libpq's defaults. */
export function fieldDefaults(fields: ServerFields, env: NodeJS.ProcessEnv = process.env): Record<FieldName, FieldDefault> {
  const from = (name: string, fallback: string | undefined, fallbackSource: string): FieldDefault =>
    env[name] ? { value: env[name], source: name } : { value: fallback, source: fallbackSource };
  // node-postgres, like libpq, falls back to the login name (USER, which may be unset in a service).
  const user = from('PGUSER', env.USER || os.userInfo().username, 'your login name');
  const host = from('PGHOST', 'localhost', 'the default');
  const port = from('PGPORT', '5432', 'the default');
  const database = from('PGDATABASE', fields.user || user.value, 'the user name');
  const key = {
    host: fields.host || host.value || 'localhost',
    port: fields.port || port.value || '5432',
    database: fields.database || database.value || '',
    user: fields.user || user.value || '',
  };
  const password: FieldDefault = env.PGPASSWORD
    ? { source: 'PGPASSWORD' }
    : pgpassHasEntry(key, env)
      ? { source: '~/.pgpass' }
      : { source: 'none' };
  return { host, port, database, user, password };
}

/** "empty for db1, from PGHOST", "empty to use the one from ~/.pgpass": shown in the field before anything is typed. */
export function describeDefault(name: FieldName, fields: ServerFields, env: NodeJS.ProcessEnv = process.env): string {
  const { value, source } = fieldDefaults(fields, env)[name];
  const via = /^PG|pgpass/.test(source) ? `from ${source}` : source;
  if (name === 'password') return source === 'none' ? 'empty for no password' : `empty to use the one ${via}`;
  return `empty for ${value}, ${via}`;
}

/** A target with only what was typed: node-postgres fills the rest from PG* variables and ~/.pgpass itself. */
export function targetFromFields(fields: ServerFields): Extract<DatabaseTarget, { kind: 'server' }> {
  const typed = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const port = typed(fields.port);
  return {
    kind: 'server',
    host: typed(fields.host),
    port: port === undefined ? undefined : Number(port),
    database: typed(fields.database),
    user: typed(fields.user),
    // A password is taken exactly as typed, spaces included.
    password: fields.password === '' ? undefined : fields.password,
  };
}

/** The fields a `postgres://` URL carries, so a URL can be saved as a profile (which never holds a password). */
export function fieldsFromUrl(url: string): ServerFields & { ssl: boolean } {
  const parsed = new URL(url);
  const sslmode = parsed.searchParams.get('sslmode');
  return {
    host: decodeURIComponent(parsed.hostname),
    port: parsed.port,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    ssl: sslmode !== null && sslmode !== 'disable',
  };
}

/** A port is a whole number from 1 to 65535; undefined when the value is fine (empty means the default). */
export function portProblem(port: string): string | undefined {
  if (port.trim() === '') return undefined;
  const n = Number(port);
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? undefined : `"${port}" is not a port number (1-65535).`;
}

export function serverProfile(target: Extract<DatabaseTarget, { kind: 'server' }>): DatabaseProfile {
  const { host, port, database, user, ssl } = target;
  return { kind: 'server', host, port, database, user, ssl };
}
