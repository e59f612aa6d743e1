import path from 'node:path';
import { defaultConfigFile, defaultDataDir } from './paths.js';
import { readProfile, type DatabaseProfile } from './profile.js';

export type TargetSource = '--db' | 'DATABASE_URL' | 'profile' | 'default';

export type DatabaseTarget =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'server'; url?: string; host?: string; port?: number; database?: string; user?: string; password?: string; ssl?: boolean };

export interface ResolvedTarget {
  target: DatabaseTarget;
  source: TargetSource;
}

export function isServerUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

function fromValue(value: string): DatabaseTarget {
  return isServerUrl(value) ? { kind: 'server', url: value } : { kind: 'embedded', dataDir: path.resolve(value) };
}

function fromProfile(profile: DatabaseProfile): DatabaseTarget {
  return profile.kind === 'embedded' ? { kind: 'embedded', dataDir: path.resolve(profile.dataDir) } : { ...profile };
}

export interface ResolveOptions {
  db?: string;
  configFile?: string;
  env?: NodeJS.ProcessEnv;
}

/** Which database: `--db` > `DATABASE_URL` > the saved profile > the embedded default folder. */
export function resolveTarget({ db, configFile, env = process.env }: ResolveOptions): ResolvedTarget {
  if (db) return { target: fromValue(db), source: '--db' };
  if (env.DATABASE_URL) return { target: fromValue(env.DATABASE_URL), source: 'DATABASE_URL' };
  const profile = readProfile(configFile ?? defaultConfigFile(env));
  if (profile) return { target: fromProfile(profile.database), source: 'profile' };
  return { target: { kind: 'embedded', dataDir: defaultDataDir(env) }, source: 'default' };
}

/** A URL safe to print: the password, if any, becomes `***`. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}

/** A description of the target for messages: never carries a password. */
export function describeTarget(target: DatabaseTarget, env: NodeJS.ProcessEnv = process.env): string {
  if (target.kind === 'embedded') return `embedded database at ${target.dataDir}`;
  if (target.url) return maskUrl(target.url);
  const host = target.host ?? env.PGHOST ?? 'localhost';
  const port = target.port ?? env.PGPORT ?? 5432;
  const user = target.user ?? env.PGUSER ?? env.USER ?? 'postgres';
  const database = target.database ?? env.PGDATABASE ?? user;
  return `postgresql://${encodeURIComponent(user)}@${host}:${port}/${encodeURIComponent(database)}`;
}
