import { UserError } from '../errors.js';

/** libpq's sslmode values, as psql takes them. */
export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/**
 * libpq's connection keywords (PostgreSQL 17), each with the variable that fills it when neither the text nor a
 * service gives it. Spelt exactly: libpq compares keywords case-sensitively, so `SSLMODE=require` is an error there
 * and here. What node-postgres cannot do with a keyword is refused when the settings are resolved (resolve.ts).
 */
export const KEYWORD_VARIABLES = {
  service: 'PGSERVICE',
  host: 'PGHOST',
  hostaddr: 'PGHOSTADDR',
  port: 'PGPORT',
  dbname: 'PGDATABASE',
  user: 'PGUSER',
  password: 'PGPASSWORD',
  passfile: 'PGPASSFILE',
  channel_binding: 'PGCHANNELBINDING',
  connect_timeout: 'PGCONNECT_TIMEOUT',
  client_encoding: 'PGCLIENTENCODING',
  options: 'PGOPTIONS',
  application_name: 'PGAPPNAME',
  fallback_application_name: undefined,
  keepalives: undefined,
  keepalives_idle: undefined,
  keepalives_interval: undefined,
  keepalives_count: undefined,
  tcp_user_timeout: undefined,
  replication: undefined,
  gssencmode: 'PGGSSENCMODE',
  sslmode: 'PGSSLMODE',
  sslnegotiation: 'PGSSLNEGOTIATION',
  sslcompression: 'PGSSLCOMPRESSION',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
  sslpassword: undefined,
  sslcertmode: 'PGSSLCERTMODE',
  sslrootcert: 'PGSSLROOTCERT',
  sslcrl: 'PGSSLCRL',
  sslcrldir: 'PGSSLCRLDIR',
  sslsni: 'PGSSLSNI',
  requirepeer: 'PGREQUIREPEER',
  ssl_min_protocol_version: 'PGSSLMINPROTOCOLVERSION',
  ssl_max_protocol_version: 'PGSSLMAXPROTOCOLVERSION',
  krbsrvname: 'PGKRBSRVNAME',
  gsslib: 'PGGSSLIB',
  gssdelegation: 'PGGSSDELEGATION',
  target_session_attrs: 'PGTARGETSESSIONATTRS',
  load_balance_hosts: 'PGLOADBALANCEHOSTS',
  require_auth: 'PGREQUIREAUTH',
} as const satisfies Record<string, string | undefined>;

export type Keyword = keyof typeof KEYWORD_VARIABLES;

/** Keywords whose values are secrets: never shown, logged or saved. */
export const SECRET_KEYWORDS: readonly Keyword[] = ['password', 'sslpassword'];

/**
 * What a person gave for a server, as libpq holds it before the service file, the environment and the defaults
 * fill the rest (`resolve.ts`): each keyword's text, the last one given winning. An empty value counts as given
 * (libpq: `host=` means the default socket, and PGHOST is not read).
 */
export type ServerSpec = Partial<Record<Keyword, string>>;

/** `postgres://` and `postgresql://` are servers; `pg://`, `mysql://` and the like are mistakes, not folder names. */
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const POSTGRES_SCHEME = /^postgres(ql)?:\/\//i;
/** A libpq keyword string starts with `keyword=`: `host=db1 dbname=events`. */
const KEYWORDS = /^\s*[a-z_]+\s*=/i;

export type ConnectionText = { kind: 'server'; spec: ServerSpec } | { kind: 'folder'; path: string };

function isKeyword(name: string): name is Keyword {
  return Object.hasOwn(KEYWORD_VARIABLES, name);
}

/** The keyword a misspelling was meant to be, when one is close (a letter or two away). */
function nearestKeyword(name: string): Keyword | undefined {
  const distance = (a: string, b: string) => {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row = next;
    }
    return row[b.length]!;
  };
  const lower = name.toLowerCase();
  let best: [Keyword, number] | undefined;
  for (const keyword of Object.keys(KEYWORD_VARIABLES) as Keyword[]) {
    const d = distance(lower, keyword);
    if (d <= 2 && (!best || d < best[1])) best = [keyword, d];
  }
  return best?.[0];
}

/** One sentence for a keyword libpq does not know; the name is shown (it is not a secret), its value never. */
export function unknownKeyword(name: string, what: string, where: string): UserError {
  const near = nearestKeyword(name);
  const hint = near ? ` (did you mean ${near}?` + (near === name.toLowerCase() ? ' Keywords are lower case.)' : ')') : '';
  return new UserError(`The ${what} "${name}" in ${where} is not a libpq connection setting${hint}.`, 2);
}

/** libpq's percent-decoding: every `%` starts two hex digits, and `%00` is refused. */
function percentDecode(text: string, where: string): string {
  if (/%(?![0-9a-f]{2})/i.test(text)) throw new UserError(`The URL in ${where} has a % that is not followed by two hex digits (write % as %25).`, 2);
  if (/%00/.test(text)) throw new UserError(`The URL in ${where} holds %00, which no setting may contain.`, 2);
  try {
    return decodeURIComponent(text);
  } catch {
    // bytes that are not UTF-8: libpq passes them through; so does this
    return unescape(text);
  }
}

/**
 * A `postgres://` URL, read as libpq's conninfo_uri_parse_options reads it: user and password up to the `@`,
 * hosts and ports separated by commas (an IPv6 address in brackets), the database, then `key=value` parameters
 * separated by `&`, each a libpq keyword (`ssl=true` means sslmode=require). Its text is never repeated in an error:
 * it may hold a password.
 */
export function parseServerUrl(text: string, where: string): ServerSpec {
  const spec: ServerSpec = {};
  const store = (keyword: Keyword, raw: string) => {
    if (raw !== '') spec[keyword] = percentDecode(raw, where);
  };
  const unreadable = (why: string) => new UserError(`The URL in ${where} cannot be read: ${why}.`, 2);
  let rest = text.replace(POSTGRES_SCHEME, '');

  // libpq looks for the `@` only up to the first `/`; a `/` in a password then makes a host, a port and a database of
  // its pieces (and psql prints them). Refused here instead, without repeating any of it.
  const beforeSlash = rest.split('/', 1)[0]!;
  const encodeHint = 'percent-encode `/`, `?`, `@` and `:` in a password (`/` is %2F), or keep the password in ~/.pgpass or PGPASSWORD';
  if (beforeSlash.includes('@')) {
    const credentials = rest.slice(0, rest.indexOf('@'));
    rest = rest.slice(credentials.length + 1);
    const colon = credentials.indexOf(':');
    store('user', colon === -1 ? credentials : credentials.slice(0, colon));
    if (colon !== -1) store('password', credentials.slice(colon + 1));
  }
  const authority = /^[^/?]*/.exec(rest)![0];
  if (authority.includes('@') || (!beforeSlash.includes('@') && rest.split('?', 1)[0]!.includes('@'))) throw unreadable(encodeHint);

  const hosts: string[] = [];
  const ports: string[] = [];
  let i = 0;
  for (;;) {
    let host: string;
    if (rest[i] === '[') {
      const close = rest.indexOf(']', i);
      if (close === -1) throw unreadable('an IPv6 address has no closing `]`');
      host = rest.slice(i + 1, close);
      if (host === '') throw unreadable('an IPv6 address between `[]` is empty');
      i = close + 1;
      if (i < rest.length && !':/?,'.includes(rest[i]!)) throw unreadable(`"${rest[i]}" follows an IPv6 address where \`:\`, \`/\`, \`?\` or \`,\` should`);
    } else {
      const end = /^[^:/?,]*/.exec(rest.slice(i))![0];
      host = end;
      i += end.length;
    }
    hosts.push(host);
    let port = '';
    if (rest[i] === ':') {
      port = /^[^/?,]*/.exec(rest.slice(i + 1))![0];
      i += 1 + port.length;
    }
    ports.push(port);
    if (rest[i] !== ',') break;
    i++;
  }
  store('host', hosts.join(','));
  if (ports.some((p) => p !== '')) store('port', ports.join(','));

  if (i < rest.length && rest[i] !== '?') {
    const query = rest.indexOf('?', i);
    store('dbname', rest.slice(i + 1, query === -1 ? undefined : query));
    i = query === -1 ? rest.length : query;
  }
  if (i < rest.length) {
    const pairs = rest.slice(i + 1).split('&');
    // libpq stops at the end of the text: `?` alone, or a `&` at the end, add nothing
    if (pairs.at(-1) === '') pairs.pop();
    for (const pair of pairs) {
      const parts = pair.split('=');
      // the text of a parameter without `=` is not repeated: it may be a password put in the wrong place
      if (parts.length === 1) throw unreadable('a parameter has no `=` (key=value)');
      if (parts.length > 2) throw unreadable(`the parameter "${percentDecode(parts[0]!, where)}" has a second \`=\` (percent-encode it as %3D)`);
      let keyword = percentDecode(parts[0]!, where);
      let value = percentDecode(parts[1]!, where);
      // libpq's one alias, for JDBC's spelling
      if (keyword === 'ssl' && value === 'true') [keyword, value] = ['sslmode', 'require'];
      if (!isKeyword(keyword)) throw unknownKeyword(keyword, 'parameter', where);
      spec[keyword] = value;
    }
  }
  return spec;
}

/**
 * `host=db1 port=5433 dbname='my events'`, as libpq's conninfo_parse reads it: `keyword = value` pairs separated by
 * spaces, values single-quoted when they hold spaces, a backslash escaping the next character. Hand-written:
 * pg-connection-string's keyword reader ignores unknown keywords and folds their case, which libpq does not.
 */
export function parseKeywords(text: string, where: string): ServerSpec {
  const spec: ServerSpec = {};
  let i = 0;
  const skipSpaces = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  for (skipSpaces(); i < text.length; skipSpaces()) {
    const keyword = /^[^\s=]+/.exec(text.slice(i))?.[0] ?? '';
    i += keyword.length;
    skipSpaces();
    if (text[i] !== '=') throw new UserError(`The connection string in ${where} has "${keyword}" without a value (keyword=value).`, 2);
    i++;
    skipSpaces();
    let value = '';
    if (text[i] === "'") {
      for (i++; i < text.length && text[i] !== "'"; i++) value += text[i] === '\\' ? (text[++i] ?? '') : text[i];
      if (text[i] !== "'") throw new UserError(`The connection string in ${where} has a quote that never closes.`, 2);
      i++;
    } else {
      for (; i < text.length && !/\s/.test(text[i]!); i++) value += text[i] === '\\' ? (text[++i] ?? '') : text[i];
    }
    if (!isKeyword(keyword)) throw unknownKeyword(keyword, 'keyword', where);
    spec[keyword] = value;
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
