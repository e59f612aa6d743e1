import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConnectionOptions, SecureVersion } from 'node:tls';
import { UserError } from '../errors.js';
import { KEYWORD_VARIABLES, SSL_MODES, type Keyword, type ServerSpec, type SslMode } from './conninfo.js';
import { findPgpassPassword, type PgpassKey } from './pgpass.js';
import { readService } from './service.js';

/** A setting's value and who decided it: what was given, a service, a PG* variable, or a default (named for people). */
export interface Resolved<T> {
  value: T;
  /** `given`, `service "name"`, `PGHOST`..., `the default`, `your login name`, `the user name` */
  source: string;
}

export type PasswordSource = 'given' | 'service' | 'PGPASSWORD' | 'pgpass' | 'none';

/** What libpq's `target_session_attrs` asks of the server. */
export type SessionAttrs = 'any' | 'read-write' | 'read-only' | 'primary' | 'standby' | 'prefer-standby';
const SESSION_ATTRS: readonly SessionAttrs[] = ['any', 'read-write', 'read-only', 'primary', 'standby', 'prefer-standby'];

/** TLS as libpq would do it for these settings; files are read here, so a missing one fails before connecting. */
export interface TlsSettings {
  sslmode: SslMode;
  /** The certificates the server's chain must lead to; `system` for the system's; undefined: not checked. */
  rootCert?: { file: string; pem?: string };
  /** The host name the certificate must carry (verify-full), even when `hostaddr` is what is dialled. */
  checkHostName: boolean;
  serverName?: string;
  crl?: string[];
  clientCert?: { cert: string; key: string; passphrase?: string };
  minVersion?: string;
  maxVersion?: string;
  direct: boolean;
}

/** Every setting of a server connection, resolved in libpq's order: given, the service, PG* variables, defaults. */
export interface ServerSettings {
  /** A host name, an address, or the folder of a Unix socket. */
  host: Resolved<string>;
  /** The address dialled instead of resolving `host` (libpq's hostaddr). */
  hostaddr?: string;
  port: Resolved<number>;
  database: Resolved<string>;
  user: Resolved<string>;
  sslmode: Resolved<SslMode>;
  /** Over a Unix socket libpq never uses TLS, whatever sslmode says. */
  socket: boolean;
  options?: string;
  applicationName?: string;
  /** Seconds; 0 waits for ever. Undefined: the app's own limit. */
  connectTimeout?: number;
  targetSessionAttrs: SessionAttrs;
  keepAlive?: { idleSeconds?: number };
  /** The password file libpq would read: passfile, PGPASSFILE, or ~/.pgpass. */
  passfile: string;
  /** A password the service file holds: a secret like the others. */
  servicePassword?: string;
}

/** One keyword's text and where it came from, before it is checked. */
interface Raw {
  value: string;
  source: string;
}

/**
 * The folder of the server's socket when no host is given. libpq has it built in: /var/run/postgresql for the
 * packages of Debian, Ubuntu, Fedora and Red Hat, /tmp for a build from source, Homebrew and Postgres.app. The
 * first is taken when that folder exists, which is when such a package is installed; /tmp otherwise.
 */
export function defaultSocketFolder(): string {
  return fs.existsSync('/var/run/postgresql') ? '/var/run/postgresql' : '/tmp';
}

/** A host that names a socket folder, as libpq's is_unixsock_path: an absolute path (or `@` for Linux's abstract ones). */
const isSocket = (host: string) => host.startsWith('/') || host.startsWith('@');

const sentence = (text: string) => new UserError(text, 2);
const from = (raw: Raw) => (raw.source === 'given' ? '' : ` (from ${raw.source})`);

/**
 * The keywords node-postgres cannot honour in some or all of their values: refused with the reason, never dropped.
 * `allowed` are the values it can (libpq's defaults, or what leaves nothing undone).
 */
const PG = 'node-postgres, which the app connects with,';
const CANNOT: Partial<Record<Keyword, { allowed: readonly string[]; why: string }>> = {
  channel_binding: { allowed: ['disable', 'prefer'], why: `${PG} cannot insist on channel binding` },
  gssencmode: { allowed: ['disable', 'prefer'], why: `${PG} has no GSSAPI encryption` },
  krbsrvname: { allowed: [], why: `${PG} has no Kerberos (GSSAPI) authentication` },
  gsslib: { allowed: [], why: `${PG} has no Kerberos (GSSAPI) authentication` },
  gssdelegation: { allowed: ['0'], why: `${PG} has no Kerberos (GSSAPI) authentication` },
  requirepeer: { allowed: [], why: `${PG} cannot read the user name of a socket's peer` },
  require_auth: { allowed: [], why: `${PG} cannot restrict the authentication methods` },
  replication: { allowed: ['0', 'false', 'off', 'no'], why: 'the app does not replicate' },
  keepalives_interval: { allowed: [], why: 'Node cannot set the interval of TCP keepalives' },
  keepalives_count: { allowed: [], why: 'Node cannot set the count of TCP keepalives' },
  tcp_user_timeout: { allowed: [], why: 'Node cannot set TCP_USER_TIMEOUT' },
  sslsni: { allowed: ['1'], why: `${PG} always sends the host name (SNI)` },
  sslcertmode: { allowed: ['allow', 'disable'], why: `${PG} cannot insist that the server asks for a certificate` },
  client_encoding: { allowed: ['UTF8', 'utf8', 'UTF-8', 'utf-8', 'auto'], why: 'the app reads text as UTF-8' },
};

/** What was given, then the service's settings, then the PG* variables: libpq's conninfo_add_defaults. */
function gather(spec: ServerSpec, env: NodeJS.ProcessEnv): Partial<Record<Keyword, Raw>> {
  const raw: Partial<Record<Keyword, Raw>> = {};
  for (const [keyword, value] of Object.entries(spec) as [Keyword, string | undefined][]) {
    if (value !== undefined) raw[keyword] = { value, source: 'given' };
  }
  const serviceName = raw.service?.value ?? (env.PGSERVICE || undefined);
  if (serviceName !== undefined) {
    const service = readService(serviceName, env);
    for (const [keyword, value] of Object.entries(service.spec) as [Keyword, string][]) {
      raw[keyword] ??= { value, source: `service "${serviceName}" in ${service.file}` };
    }
  }
  for (const [keyword, variable] of Object.entries(KEYWORD_VARIABLES) as [Keyword, string | undefined][]) {
    // an empty variable counts as unset (libpq would take PGSSLMODE= as an invalid sslmode)
    if (variable && raw[keyword] === undefined && env[variable]) raw[keyword] = { value: env[variable]!, source: variable };
  }
  return raw;
}

/** libpq's parse_int_param: a whole number, spaces around it allowed. */
function integerOf(raw: Raw, keyword: string, min: number, max: number): number {
  const text = raw.value.trim();
  const n = Number(text);
  if (/^[+-]?\d+$/.test(text) && n >= min && n <= max) return n;
  const range = max === Number.MAX_SAFE_INTEGER ? 'a whole number' : `a whole number from ${min} to ${max}`;
  throw sentence(`The ${keyword}${from(raw)} must be ${range}, not "${raw.value}".`);
}

function oneOf<T extends string>(raw: Raw | undefined, keyword: string, values: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if ((values as readonly string[]).includes(raw.value)) return raw.value as T;
  throw sentence(`The ${keyword}${from(raw)} must be one of ${values.join(', ')}, not "${raw.value}".`);
}

/** A folder of a home (libpq reads ~/.postgresql/ for TLS files). */
const homeOf = (env: NodeJS.ProcessEnv) => env.HOME || os.homedir();

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw sentence(`Cannot read the ${what} ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message}.`);
  }
}

/**
 * libpq's initialize_SSL, for node-postgres: the root certificate (sslrootcert, or ~/.postgresql/root.crt when it
 * exists) makes every TLS mode check the chain, as in libpq, and verify-ca or verify-full without one is an error;
 * the CRL and the client certificate and key follow the same files and rules.
 */
function tlsOf(raw: Partial<Record<Keyword, Raw>>, sslmode: SslMode, host: string, hostaddr: string | undefined, env: NodeJS.ProcessEnv): TlsSettings {
  const home = path.join(homeOf(env), '.postgresql');
  const given = (keyword: Keyword) => (raw[keyword]?.value ? raw[keyword]!.value : undefined);
  const tls: TlsSettings = { sslmode, checkHostName: sslmode === 'verify-full', direct: raw.sslnegotiation?.value === 'direct' };
  if (hostaddr !== undefined && host !== hostaddr) tls.serverName = host;

  const rootFile = given('sslrootcert') ?? path.join(home, 'root.crt');
  if (rootFile === 'system') tls.rootCert = { file: 'system' };
  else if (fs.existsSync(rootFile)) tls.rootCert = { file: rootFile, pem: readText(rootFile, 'root certificate file') };
  else if (sslmode === 'verify-ca' || sslmode === 'verify-full') {
    throw sentence(
      `sslmode ${sslmode} checks the server's certificate against a root certificate, and ${rootFile} does not exist: give sslrootcert (or PGSSLROOTCERT), use sslrootcert=system for the system's, or choose sslmode require.`,
    );
  }
  if (tls.rootCert && tls.rootCert.file !== 'system') {
    const crlFile = given('sslcrl');
    const crlDir = given('sslcrldir');
    const files = crlFile || crlDir ? [crlFile] : [path.join(home, 'root.crl')];
    if (crlDir && fs.existsSync(crlDir) && fs.statSync(crlDir).isDirectory()) files.push(...fs.readdirSync(crlDir).map((name) => path.join(crlDir, name)));
    // libpq too goes on without a CRL it cannot find
    const crl = files.filter((file): file is string => !!file && fs.existsSync(file) && fs.statSync(file).isFile()).map((file) => readText(file, 'CRL file'));
    if (crl.length > 0) tls.crl = crl;
  }

  const certFile = given('sslcert') ?? path.join(home, 'postgresql.crt');
  // libpq sends no certificate when the file is missing, even a named one, and lets the server decide
  if (raw.sslcertmode?.value !== 'disable' && fs.existsSync(certFile)) {
    const keyFile = given('sslkey') ?? path.join(home, 'postgresql.key');
    if (!fs.existsSync(keyFile)) throw sentence(`The client certificate ${certFile} has no private key at ${keyFile} (give sslkey).`);
    const stat = fs.statSync(keyFile);
    const tooOpen = stat.uid === 0 ? stat.mode & 0o037 : stat.mode & 0o077;
    if (process.platform !== 'win32' && tooOpen !== 0) {
      throw sentence(`The private key ${keyFile} can be read by others; libpq refuses it too (chmod 600 it).`);
    }
    tls.clientCert = { cert: readText(certFile, 'client certificate'), key: readText(keyFile, 'private key'), passphrase: raw.sslpassword?.value || undefined };
  }
  const versions = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
  tls.minVersion = oneOf(raw.ssl_min_protocol_version, 'ssl_min_protocol_version', versions, 'TLSv1.2');
  if (raw.ssl_max_protocol_version?.value) tls.maxVersion = oneOf(raw.ssl_max_protocol_version, 'ssl_max_protocol_version', versions, 'TLSv1.3');
  return tls;
}

/**
 * The settings libpq would use for `spec`: what was given first, then the service file (service= or PGSERVICE),
 * then the PG* variables, then the defaults (the socket folder, 5432, the login name, a database named after the
 * user, sslmode prefer). A value libpq would refuse, or one node-postgres cannot honour, is an error in one sentence.
 */
export function resolveServer(spec: ServerSpec, env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const raw = gather(spec, env);
  for (const [keyword, rule] of Object.entries(CANNOT) as [Keyword, { allowed: readonly string[]; why: string }][]) {
    const given = raw[keyword];
    if (given && given.value !== '' && !rule.allowed.includes(given.value)) {
      throw sentence(`${keyword}=${given.value}${from(given)} cannot be honoured: ${rule.why}.`);
    }
  }
  // several hosts: the settings of the first (the database, user and TLS are the same for all)
  if (['host', 'hostaddr', 'port'].some((keyword) => raw[keyword as Keyword]?.value.includes(','))) {
    return resolveServer(serverCandidates(spec, env, false)[0]!, env);
  }
  const hostaddr = raw.hostaddr?.value || undefined;
  const host: Resolved<string> = raw.host?.value
    ? { value: raw.host.value, source: raw.host.source }
    : hostaddr !== undefined
      ? { value: hostaddr, source: raw.hostaddr!.source }
      : { value: process.platform === 'win32' ? 'localhost' : defaultSocketFolder(), source: 'the default' };
  const port: Resolved<number> = raw.port?.value
    ? { value: integerOf(raw.port, 'port', 1, 65535), source: raw.port.source }
    : { value: 5432, source: 'the default' };
  const user: Resolved<string> = raw.user?.value ? { value: raw.user.value, source: raw.user.source } : { value: env.USER || os.userInfo().username, source: 'your login name' };
  const database: Resolved<string> = raw.dbname?.value ? { value: raw.dbname.value, source: raw.dbname.source } : { value: user.value, source: 'the user name' };

  const system = raw.sslrootcert?.value === 'system';
  const sslmode: Resolved<SslMode> = raw.sslmode
    ? { value: oneOf(raw.sslmode, 'sslmode', SSL_MODES, 'prefer'), source: raw.sslmode.source }
    : { value: system ? 'verify-full' : 'prefer', source: 'the default' };
  if (system && sslmode.value !== 'verify-full') {
    throw sentence(`sslrootcert=system trusts every certificate authority of the system, so libpq asks for sslmode verify-full with it, not ${sslmode.value}.`);
  }
  oneOf(raw.sslnegotiation, 'sslnegotiation', ['postgres', 'direct'], 'postgres');
  if (raw.sslnegotiation?.value === 'direct' && !['require', 'verify-ca', 'verify-full'].includes(sslmode.value)) {
    throw sentence(`sslnegotiation=direct starts with TLS, so libpq asks for sslmode require, verify-ca or verify-full with it, not ${sslmode.value}.`);
  }
  const connectTimeout = raw.connect_timeout?.value ? Math.max(0, integerOf(raw.connect_timeout, 'connect_timeout', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)) : undefined;
  const keepalives = raw.keepalives?.value ? integerOf(raw.keepalives, 'keepalives', 0, 1) : 1;
  const idle = raw.keepalives_idle?.value ? integerOf(raw.keepalives_idle, 'keepalives_idle', 0, Number.MAX_SAFE_INTEGER) : undefined;
  if (raw.sslcompression?.value) integerOf(raw.sslcompression, 'sslcompression', 0, 1);

  return {
    host,
    ...(hostaddr !== undefined ? { hostaddr } : {}),
    port,
    database,
    user,
    sslmode,
    socket: hostaddr === undefined && isSocket(host.value),
    ...(raw.options?.value ? { options: raw.options.value } : {}),
    ...((raw.application_name?.value || raw.fallback_application_name?.value)
      ? { applicationName: raw.application_name?.value || raw.fallback_application_name!.value }
      : {}),
    // libpq waits at least 2 seconds: 1 would time out before a reply could come
    ...(connectTimeout !== undefined ? { connectTimeout: connectTimeout === 1 ? 2 : connectTimeout } : {}),
    targetSessionAttrs: oneOf(raw.target_session_attrs, 'target_session_attrs', SESSION_ATTRS, 'any'),
    ...(keepalives === 1 ? { keepAlive: idle === undefined ? {} : { idleSeconds: idle } } : {}),
    passfile: raw.passfile?.value || passwordFile(env),
    ...(raw.password?.source.startsWith('service') && raw.password.value ? { servicePassword: raw.password.value } : {}),
  };
}

/**
 * The servers a spec names, one spec each, in the order libpq tries them: `host`, `hostaddr` and `port` may be
 * comma-separated lists (from the text, a service or PG* variables), as long as each has one value or one per host;
 * `load_balance_hosts=random` shuffles them.
 */
export function serverCandidates(spec: ServerSpec, env: NodeJS.ProcessEnv = process.env, shuffle = true): ServerSpec[] {
  const raw = gather(spec, env);
  const list = (keyword: 'host' | 'hostaddr' | 'port') => (raw[keyword]?.value.includes(',') ? raw[keyword]!.value.split(',') : undefined);
  const [hosts, addrs, ports] = [list('host'), list('hostaddr'), list('port')];
  if (!hosts && !addrs && !ports) return [spec];
  const count = hosts?.length ?? (raw.host?.value ? 1 : undefined) ?? addrs?.length ?? 1;
  for (const [keyword, values] of [['host', hosts], ['hostaddr', addrs], ['port', ports]] as const) {
    if (values && values.length !== count) {
      throw sentence(`The ${keyword}${from(raw[keyword]!)} has ${values.length} values for ${count} host${count === 1 ? '' : 's'}: give one, or one per host.`);
    }
  }
  const candidates = Array.from({ length: count }, (_, i) => {
    const one: ServerSpec = { ...spec };
    for (const [keyword, values] of [['host', hosts], ['hostaddr', addrs], ['port', ports]] as const) {
      if (values) one[keyword] = values[i]!;
      else if (raw[keyword]) one[keyword] = raw[keyword]!.value;
    }
    return one;
  });
  const balance = oneOf(raw.load_balance_hosts, 'load_balance_hosts', ['disable', 'random'], 'disable');
  if (balance === 'random' && shuffle) {
    for (let i = candidates.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
    }
  }
  return candidates;
}

/** The TLS a server connection uses; undefined over a socket or with sslmode disable, where there is none. */
export function tlsSettings(spec: ServerSpec, env: NodeJS.ProcessEnv = process.env): TlsSettings | undefined {
  const settings = resolveServer(spec, env);
  if (settings.socket || settings.sslmode.value === 'disable') return undefined;
  return tlsOf(gather(spec, env), settings.sslmode.value, settings.host.value, settings.hostaddr, env);
}

/** The password file libpq reads when no passfile is given: PGPASSFILE, or ~/.pgpass. */
export function passwordFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.PGPASSFILE || path.join(homeOf(env), '.pgpass');
}

/** The password file of these settings, and why libpq would ignore it (others can read it, or it is not a file). */
export function passwordFileProblem(settings: Pick<ServerSettings, 'passfile'>): string | undefined {
  const file = settings.passfile;
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

/**
 * The line a password file is searched with, as libpq's passwordFromFile: the host, or hostaddr when there is no
 * host; a socket folder matches `localhost` only when it is the default folder, otherwise its own path.
 */
export function pgpassKey(settings: ServerSettings): PgpassKey {
  const host = settings.host.source === 'the default' || settings.host.value === defaultSocketFolder() ? 'localhost' : settings.host.value;
  return { host, port: String(settings.port.value), database: settings.database.value, user: settings.user.value };
}

/** The password the password file holds for these settings, read with libpq's rules. */
export async function pgpassPassword(settings: ServerSettings): Promise<string | undefined> {
  if (passwordFileProblem(settings) !== undefined || !fs.existsSync(settings.passfile)) return undefined;
  return findPgpassPassword(await fs.promises.readFile(settings.passfile, 'utf8'), pgpassKey(settings));
}

/** Where the password will come from, in libpq's order: given, the service, PGPASSWORD, the password file. Never the password. */
export async function passwordSource(spec: ServerSpec, env: NodeJS.ProcessEnv = process.env): Promise<PasswordSource> {
  if (spec.password) return 'given';
  let settings: ServerSettings;
  try {
    settings = resolveServer(spec, env);
  } catch (error) {
    // a setting libpq would refuse: the connection says so; here no password can be found
    if (error instanceof UserError) return 'none';
    throw error;
  }
  if (settings.servicePassword) return 'service';
  if (env.PGPASSWORD) return 'PGPASSWORD';
  return (await pgpassPassword(settings)) === undefined ? 'none' : 'pgpass';
}

/** A connection as a URL to show: user, host, port and database, never a password, whatever was given. */
export function describeServer(settings: ServerSettings): string {
  const { host, port, database, user } = settings;
  const socket = isSocket(host.value) && settings.hostaddr === undefined;
  const where = socket ? `?host=${encodeURIComponent(host.value)}` : '';
  const server = socket ? (port.value === 5432 ? '' : `:${port.value}`) : `${host.value.includes(':') ? `[${host.value}]` : host.value}:${port.value}`;
  return `postgresql://${encodeURIComponent(user.value)}@${server}/${encodeURIComponent(database.value)}${where}`;
}

/** How TLS is tried: never, always, or libpq's allow (plain first) and prefer (TLS when the server offers it). */
export type TlsPlan = 'none' | 'always' | 'allow' | 'prefer';

/** node-postgres' `ssl` for these TLS settings: the chain checked when there is a root certificate, the name for verify-full. */
export function tlsOptions(tls: TlsSettings): ConnectionOptions {
  const root = tls.rootCert;
  return {
    rejectUnauthorized: root !== undefined,
    ...(root?.pem !== undefined ? { ca: root.pem } : {}),
    ...(tls.checkHostName ? {} : { checkServerIdentity: () => undefined }),
    ...(tls.serverName ? { servername: tls.serverName } : {}),
    ...(tls.crl ? { crl: tls.crl } : {}),
    ...(tls.clientCert ?? {}),
    ...(tls.minVersion ? { minVersion: tls.minVersion as SecureVersion } : {}),
    ...(tls.maxVersion ? { maxVersion: tls.maxVersion as SecureVersion } : {}),
  };
}

export interface PgConnectionConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  /** node-postgres' TLS options, used when `tlsPlan` says TLS is tried. */
  ssl: ConnectionOptions;
  tlsPlan: TlsPlan;
  sslnegotiation: 'postgres' | 'direct';
  options?: string;
  application_name?: string;
  /** Undefined: the app's own limit. */
  connectionTimeoutMillis?: number;
  keepAlive: boolean;
  keepAliveInitialDelayMillis?: number;
  /** Asked only when the server wants a password, so PGPASSWORD and the password file are read when needed (as libpq does). */
  password: () => Promise<string | undefined>;
  /** True once the server asked for a password and there was none. */
  passwordMissing(): boolean;
  /** Why the password file was not read, if it was not. */
  passwordFileProblem(): string | undefined;
}

/** The settings node-postgres connects with: the password comes from a function, so pg never reads ~/.pgpass itself. */
export function pgConnectionConfig(spec: ServerSpec, env: NodeJS.ProcessEnv = process.env): PgConnectionConfig {
  const settings = resolveServer(spec, env);
  const tls = tlsSettings(spec, env);
  const plans: Record<SslMode, TlsPlan> = { disable: 'none', allow: 'allow', prefer: 'prefer', require: 'always', 'verify-ca': 'always', 'verify-full': 'always' };
  let missing = false;
  return {
    host: settings.hostaddr ?? settings.host.value,
    port: settings.port.value,
    database: settings.database.value,
    user: settings.user.value,
    ssl: tls ? tlsOptions(tls) : {},
    tlsPlan: tls ? plans[tls.sslmode] : 'none',
    sslnegotiation: tls?.direct ? 'direct' : 'postgres',
    ...(settings.options ? { options: settings.options } : {}),
    ...(settings.applicationName ? { application_name: settings.applicationName } : {}),
    ...(settings.connectTimeout !== undefined ? { connectionTimeoutMillis: settings.connectTimeout * 1000 } : {}),
    keepAlive: settings.keepAlive !== undefined,
    ...(settings.keepAlive?.idleSeconds !== undefined ? { keepAliveInitialDelayMillis: settings.keepAlive.idleSeconds * 1000 } : {}),
    // an empty password means none, as in libpq: the password file is read next
    password: async () => {
      const password = spec.password || settings.servicePassword || env.PGPASSWORD || (await pgpassPassword(settings));
      if (password === undefined) missing = true;
      return password;
    },
    passwordMissing: () => missing,
    passwordFileProblem: () => passwordFileProblem(settings),
  };
}
