import { parseServerUrl, type ServerSpec, type SslMode } from '../config/conninfo.js';
import type { DatabaseProfile } from '../config/profile.js';
import { resolveServer, type PasswordSource } from '../config/resolve.js';

/** What the wizard asks for a server; every field may be left empty for psql's default. */
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

/**
 * What was typed, as a server spec: a field left empty is left to the service, PG* variables and the defaults.
 * `more` holds the other settings of a pasted URL (sslmode, sslrootcert...).
 */
export function specFromFields(fields: ServerFields, more: ServerSpec = {}): ServerSpec {
  const typed = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const spec: ServerSpec = {
    ...more,
    host: typed(fields.host),
    port: typed(fields.port),
    dbname: typed(fields.database),
    user: typed(fields.user),
    // A password is taken exactly as typed, spaces included.
    password: fields.password === '' ? undefined : fields.password,
  };
  return Object.fromEntries(Object.entries(spec).filter(([, value]) => value !== undefined));
}

/** "empty for db1, from PGHOST": what an empty field stands for, from the one resolver libpq's order lives in. */
export function describeDefault(name: Exclude<FieldName, 'password'>, fields: ServerFields, env: NodeJS.ProcessEnv = process.env): string {
  let resolved;
  try {
    resolved = resolveServer(specFromFields({ ...fields, [name]: '' }), env)[name];
  } catch (error) {
    // a PG* variable libpq would refuse: said here, and again if the connection is tried
    return (error as Error).message;
  }
  const { value, source } = resolved;
  return `empty for ${value}, ${/^PG/.test(source) ? `from ${source}` : source}`;
}

/** The password field's hint, once it is known where a password would come from. */
export function describePasswordDefault(source: PasswordSource | undefined): string {
  switch (source) {
    case 'PGPASSWORD':
      return 'empty to use the one from PGPASSWORD';
    case 'pgpass':
      return 'empty to use the one from ~/.pgpass';
    case 'service':
      return 'empty to use the one from the service file';
    case undefined:
      return 'empty for the one from PGPASSWORD or ~/.pgpass, if any';
    default:
      return 'empty for no password';
  }
}

/** The fields a `postgres://` URL carries, and its other settings, so a URL can be saved as a profile (which never holds a password). */
export function fieldsFromUrl(url: string): { fields: ServerFields; more: ServerSpec } {
  const { host, port, dbname, user, password, ...more } = parseServerUrl(url, 'the URL');
  return { fields: { host: host ?? '', port: port ?? '', database: dbname ?? '', user: user ?? '', password: password ?? '' }, more };
}

/** A port is a whole number from 1 to 65535; undefined when the value is fine (empty means the default). */
export function portProblem(port: string): string | undefined {
  if (port.trim() === '') return undefined;
  const n = Number(port);
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? undefined : `"${port}" is not a port number (1-65535).`;
}

/** What the profile keeps of a server: its settings, never the password. */
export function serverProfile(spec: ServerSpec): DatabaseProfile {
  const { host, port, dbname, user, sslmode, password: _password, sslpassword: _sslpassword, ...settings } = spec;
  return {
    kind: 'server',
    host,
    port: port === undefined ? undefined : Number(port),
    database: dbname,
    user,
    sslmode: sslmode as SslMode | undefined,
    ...(Object.keys(settings).length > 0 ? { settings } : {}),
  };
}
