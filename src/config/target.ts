import path from 'node:path';
import { readConnectionText, type ServerSpec } from './conninfo.js';
import { defaultConfigFile, defaultDataDir } from './paths.js';
import { readProfile, type DatabaseProfile } from './profile.js';
import { describeServer, resolveServer, serverCandidates, tlsSettings } from './resolve.js';

export type TargetSource = '--db' | 'DATABASE_URL' | 'profile' | 'default';

/** Which database: the folder of an embedded one, or a server (what was given; the rest is resolved on connect). */
export type DatabaseTarget = { kind: 'embedded'; dataDir: string } | { kind: 'server'; spec: ServerSpec };

export interface ResolvedTarget {
  target: DatabaseTarget;
  source: TargetSource;
}

/** The target a `--db` value or a URL names (see readConnectionText): a server, or an embedded folder. */
export function targetFromText(text: string, where = 'the URL'): DatabaseTarget {
  const read = readConnectionText(text, where);
  return read.kind === 'server' ? { kind: 'server', spec: read.spec } : { kind: 'embedded', dataDir: path.resolve(read.path) };
}

function fromProfile(profile: DatabaseProfile): DatabaseTarget {
  if (profile.kind === 'embedded') return { kind: 'embedded', dataDir: path.resolve(profile.dataDir) };
  const { host, port, database, user, sslmode, settings } = profile;
  const spec: ServerSpec = { ...settings, host, port: port === undefined ? undefined : String(port), dbname: database, user, sslmode };
  return { kind: 'server', spec: Object.fromEntries(Object.entries(spec).filter(([, value]) => value !== undefined)) };
}

export interface ResolveOptions {
  db?: string;
  configFile?: string;
  env?: NodeJS.ProcessEnv;
}

/** Which database: `--db` > `DATABASE_URL` > the saved profile > the embedded default folder. */
export function resolveTarget({ db, configFile, env = process.env }: ResolveOptions): ResolvedTarget {
  const resolved = findTarget(db, configFile, env);
  // a bad setting (PGPORT=abc, sslmode=requir, an unknown service, a missing root certificate) fails here,
  // before anything starts
  if (resolved.target.kind === 'server') for (const candidate of serverCandidates(resolved.target.spec, env)) tlsSettings(candidate, env);
  return resolved;
}

function findTarget(db: string | undefined, configFile: string | undefined, env: NodeJS.ProcessEnv): ResolvedTarget {
  if (db) return { target: targetFromText(db, '--db'), source: '--db' };
  if (env.DATABASE_URL) return { target: targetFromText(env.DATABASE_URL, 'DATABASE_URL'), source: 'DATABASE_URL' };
  const profile = readProfile(configFile ?? defaultConfigFile(env));
  if (profile) return { target: fromProfile(profile.database), source: 'profile' };
  return { target: { kind: 'embedded', dataDir: defaultDataDir(env) }, source: 'default' };
}

/** A password on the command line is seen by every user of the machine (`ps`) and lands in npm's debug log: said once, on stderr. */
export function passwordWarning({ target, source }: ResolvedTarget): string | undefined {
  if (source !== '--db' || target.kind !== 'server' || !(target.spec.password || target.spec.sslpassword)) return undefined;
  return 'the password in --db can be seen by other users of this machine (ps), and npm writes the command line to its debug log (~/.npm/_logs) under npm start and npx; keep it in ~/.pgpass or PGPASSWORD instead, or run the installed command (npm link, then session-explorer).';
}

/** A description of the target for messages, logs and the header: built from the settings, so it never has a password. */
export function describeTarget(target: DatabaseTarget, env: NodeJS.ProcessEnv = process.env): string {
  if (target.kind === 'embedded') return `embedded database at ${target.dataDir}`;
  // several hosts are tried in turn: each is shown
  return serverCandidates(target.spec, env)
    .map((candidate) => describeServer(resolveServer(candidate, env)))
    .join(' or ');
}
