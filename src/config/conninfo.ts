import { parse as parseUrl } from 'pg-connection-string';
import { UserError } from '../errors.js';

/** libpq's sslmode values, as psql takes them. */
export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/**
 * What a person gave for a server, before the environment and defaults fill the rest: parsed from a URL or a libpq
 * keyword string, or typed into the setup's fields. Anything left out is resolved as psql would (`resolve.ts`).
 */
export interface ServerSpec {
  /** A host name, an address, or the folder of a Unix socket. */
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  /** Given in the URL or typed in the setup: kept in memory, never written anywhere. */
  password?: string;
  sslmode?: SslMode;
  /** Server settings for the session, as libpq's `options` (e.g. `-c search_path=x`). */
  options?: string;
}

/** `postgres://` and `postgresql://` are servers; `pg://`, `mysql://` and the like are mistakes, not folder names. */
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const POSTGRES_SCHEME = /^postgres(ql)?:\/\//i;
/** A libpq keyword string starts with `keyword=`: `host=db1 dbname=events`. */
const KEYWORDS = /^\s*[a-z_]+\s*=/i;

export type ConnectionText = { kind: 'server'; spec: ServerSpec } | { kind: 'folder'; path: string };

function sslModeOf(value: string | undefined, where: string): SslMode | undefined {
  if (value === undefined || value === '') return undefined;
  if ((SSL_MODES as readonly string[]).includes(value)) return value as SslMode;
  throw new UserError(`The sslmode in ${where} must be one of ${SSL_MODES.join(', ')}, not "${value}".`, 2);
}

function portOf(value: string | undefined, where: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return port;
  throw new UserError(`The port in ${where} must be a number from 1 to 65535, not "${value}".`, 2);
}

const nonEmpty = (value: string | null | undefined) => (value === null || value === undefined || value === '' ? undefined : value);

/**
 * A `postgres://` URL, read as libpq reads it, query parameters included (`password`, `sslmode`, `host` for a
 * socket, `options`). Its text is never repeated in an error: it may hold a password.
 */
export function parseServerUrl(text: string, where: string): ServerSpec {
  // libpq ends the user and password at the first `/`: an `@` after it means a password with an unencoded `/`,
  // which would otherwise be read as a host, a port and a database made of pieces of the password.
  const afterScheme = text.replace(POSTGRES_SCHEME, '');
  const authority = afterScheme.split(/[/?#]/, 1)[0]!;
  if (!authority.includes('@') && afterScheme.slice(authority.length).split('?', 1)[0]!.includes('@')) {
    throw new UserError(
      `The URL in ${where} cannot be read: a \`/\`, \`?\`, \`#\` or \`@\` in its password must be percent-encoded (\`/\` is %2F), or keep the password in ~/.pgpass or PGPASSWORD.`,
      2,
    );
  }
  // The SSL parameters are read here, as libpq means them: pg-connection-string would warn about their meaning on
  // stderr, or read certificate files.
  const sslmode = /[?&]sslmode=([^&#]*)/.exec(text)?.[1];
  const withoutSsl = text.replace(/([?&])(sslmode|sslrootcert|sslcert|sslkey|sslcrl|ssl)=[^&#]*/g, '$1');
  let parsed: Record<string, string | null | undefined>;
  try {
    parsed = parseUrl(withoutSsl) as Record<string, string | null | undefined>;
  } catch {
    throw new UserError(
      `The URL in ${where} cannot be read; it looks like postgresql://user@host:5432/database (percent-encode special characters of a password).`,
      2,
    );
  }
  return {
    host: nonEmpty(parsed.host),
    port: portOf(nonEmpty(parsed.port), where),
    database: nonEmpty(parsed.database ?? parsed.dbname),
    user: nonEmpty(parsed.user),
    password: nonEmpty(parsed.password),
    sslmode: sslModeOf(sslmode === undefined ? undefined : decodeURIComponent(sslmode), where),
    options: nonEmpty(parsed.options),
  };
}

/** The keywords of a libpq string this app uses; others (connect_timeout, application_name...) are accepted and left. */
const KEYWORD_FIELDS: Record<string, keyof ServerSpec> = {
  host: 'host',
  hostaddr: 'host',
  port: 'port',
  dbname: 'database',
  user: 'user',
  password: 'password',
  sslmode: 'sslmode',
  options: 'options',
};

/**
 * `host=db1 port=5433 dbname='my events'`, as libpq reads it: `keyword = value` pairs separated by spaces, values
 * single-quoted when they hold spaces, with `\'` and `\\` inside quotes. Hand-written: pg-connection-string reads
 * URLs only, and the syntax is this small.
 */
export function parseKeywords(text: string, where: string): ServerSpec {
  const values: Record<string, string> = {};
  let i = 0;
  const skipSpaces = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  for (skipSpaces(); i < text.length; skipSpaces()) {
    const keyword = /^[a-z_]+/i.exec(text.slice(i))?.[0];
    if (!keyword) throw new UserError(`The connection string in ${where} cannot be read; it looks like host=db1 port=5432 dbname=events user=ann.`, 2);
    i += keyword.length;
    skipSpaces();
    if (text[i] !== '=') throw new UserError(`The connection string in ${where} has "${keyword}" without a value (keyword=value).`, 2);
    i++;
    skipSpaces();
    let value = '';
    if (text[i] === "'") {
      for (i++; i < text.length && text[i] !== "'"; i++) value += text[i] === '\\' ? text[++i] ?? '' : text[i];
      if (text[i] !== "'") throw new UserError(`The connection string in ${where} has a quote that never closes.`, 2);
      i++;
    } else {
      for (; i < text.length && !/\s/.test(text[i]!); i++) value += text[i] === '\\' ? text[++i] ?? '' : text[i];
    }
    values[keyword.toLowerCase()] = value;
  }
  const spec: ServerSpec = {};
  for (const [keyword, value] of Object.entries(values)) {
    const field = KEYWORD_FIELDS[keyword];
    if (field === 'port') spec.port = portOf(value, where);
    else if (field === 'sslmode') spec.sslmode = sslModeOf(value, where);
    else if (field) spec[field] = nonEmpty(value);
  }
  return spec;
}

/**
 * What `--db` or DATABASE_URL names, read strictly: a `postgres://` URL or a libpq keyword string is a server, any
 * other `scheme://` is an error (a `pg://` typo must not become a folder and a new, empty database), and anything
 * else is the folder of an embedded database.
 */
export function readConnectionText(text: string, where: string): ConnectionText {
  if (POSTGRES_SCHEME.test(text)) return { kind: 'server', spec: parseServerUrl(text, where) };
  if (URL_SCHEME.test(text)) {
    const scheme = text.slice(0, text.indexOf(':'));
    throw new UserError(
      `${where} takes a postgres:// URL, a libpq string (host=... dbname=...) or the folder of an embedded database, not a ${scheme}:// URL.`,
      2,
    );
  }
  if (KEYWORDS.test(text)) return { kind: 'server', spec: parseKeywords(text, where) };
  return { kind: 'folder', path: text };
}

/** True when the text carries a password (in the URL's user info, a `password=` parameter or keyword). */
export function carriesPassword(text: string, where = 'it'): boolean {
  const read = readConnectionText(text, where);
  return read.kind === 'server' && read.spec.password !== undefined;
}
