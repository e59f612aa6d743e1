import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import envPaths from 'env-paths';

/** The repository (or installed package) root: defaults for data and logs live beside the code, as `npm start` users expect. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const userPaths = envPaths('session-explorer', { suffix: '' });

export function defaultConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.SESSION_EXPLORER_CONFIG ?? path.join(userPaths.config, 'config.json');
}

/** The embedded database's folder when none is given: inside the checkout, beside the code. */
export const checkoutDataDir = path.join(projectRoot, '.data', 'pgdata');

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SESSION_EXPLORER_DATA_DIR ?? checkoutDataDir;
}

/**
 * Where the checkout's embedded database lives when the server's account cannot reach the checkout (as root, in a
 * private home): under /var/lib, the system's place for a service's state (as /var/lib/postgresql is), in a folder
 * named after the checkout and a hash of its path, so that every command finds it again and two checkouts never
 * share one.
 */
export function sharedDataDir(root = projectRoot): string {
  const name = path.basename(root).replace(/[^A-Za-z0-9._-]+/g, '_');
  return path.join('/var/lib/session-explorer', `${name}-${createHash('sha256').update(root).digest('hex').slice(0, 8)}`);
}

export function logDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SESSION_EXPLORER_LOG_DIR ?? path.join(projectRoot, 'logs');
}

/**
 * What the app keeps between runs that is neither configuration nor data (the console's history): the XDG state
 * folder on Linux (~/.local/state/session-explorer), the app's data folder elsewhere.
 */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SESSION_EXPLORER_STATE_DIR ?? (process.platform === 'linux' ? userPaths.log : userPaths.data);
}

/**
 * Where the app keeps copies it can make again (the embedded database's programs, when they cannot run where npm
 * put them): a system folder as root, whose copy the `postgres` account must reach, the user's cache otherwise.
 */
export function cacheDir(): string {
  return process.getuid?.() === 0 ? '/var/cache/session-explorer' : userPaths.cache;
}

export const sampleFile = path.join(projectRoot, 'local_files', 'mobile_events_2020.csv.gz');
