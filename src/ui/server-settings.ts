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

/** What was typed, as a server spec: a field left empty is left to PG* variables and the defaults. */
export function specFromFields(fields: ServerFields, sslmode?: SslMode): ServerSpec {
  const typed = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const port = typed(fields.port);
  return {
    host: typed(fields.host),
    port: port === undefined ? undefined : Number(port),
    database: typed(fields.database),
    user: typed(fields.user),
    // A password is taken exactly as typed, spaces included.
    password: fields.password === '' ? undefined : fields.password,
    ...(sslmode ? { sslmode } : {}),
  };
}

/** "empty for db1, from PGHOST": what an empty field stands for, from the one resolver psql's order lives in. */
export function describeDefault(name: Exclude<FieldName, 'password'>, fields: ServerFields, env: NodeJS.ProcessEnv = process.env): string {
  const { value, source } = resolveServer(specFromFields({ ...fields, [name]: '' }), env)[name];
  return `empty for ${value}, ${/^PG/.test(source) ? `from ${source}` : source}`;
}

/** The password field's hint, once it is known where a password would come from. */
export function describePasswordDefault(source: PasswordSource | undefined): string {
  switch (source) {
    case 'PGPASSWORD':
      return 'empty to use the one from PGPASSWORD';
    case 'pgpass':
      return 'empty to use the one from ~/.pgpass';
    case undefined:
      return 'empty for the one from PGPASSWORD or ~/.pgpass, if any';
    default:
      return 'empty for no password';
  }
}

/** The fields a `postgres://` URL carries, so a URL can be saved as a profile (which never holds a password). */
export function fieldsFromUrl(url: string): ServerFields & { sslmode?: SslMode } {
  const spec = parseServerUrl(url, 'the URL');
  return {
    host: spec.host ?? '',
    port: spec.port === undefined ? '' : String(spec.port),
    database: spec.database ?? '',
    user: spec.user ?? '',
    password: spec.password ?? '',
    ...(spec.sslmode ? { sslmode: spec.sslmode } : {}),
  };
}

/** A port is a whole number from 1 to 65535; undefined when the value is fine (empty means the default). */
export function portProblem(port: string): string | undefined {
  if (port.trim() === '') return undefined;
  const n = Number(port);
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? undefined : `"${port}" is not a port number (1-65535).`;
}

/** What the profile keeps of a server: its settings, never the password. */
export function serverProfile(spec: ServerSpec): DatabaseProfile {
  const { host, port, database, user, sslmode } = spec;
  return { kind: 'server', host, port, database, user, sslmode };
}
