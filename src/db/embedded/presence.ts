import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { SOCKET_PORT } from './server-process.js';

/** The app's roles and database inside the embedded server (see sql/embedded_roles.sql). */
export const OWNER = 'explorer';
export const READER = 'explorer_reader';
export const DATABASE = 'session_explorer';

/**
 * Every app process using the server holds this advisory lock in shared mode for as long as it runs. The one that
 * can take it exclusively when it closes is the last one, and stops the server.
 */
export const PRESENCE_LOCK = 727_412;

/** Held by the server's watcher (watcher.ts) for as long as it runs: one watcher per server. */
export const WATCHER_LOCK = 727_413;

export function clientConfig(socketDir: string, user: string, database = DATABASE): pg.ClientConfig {
  return { host: socketDir, port: SOCKET_PORT, user, database, application_name: 'session-explorer' };
}

/** The same, as a libpq URL for a client of the user's own: the socket's folder percent-encoded, any name survives. */
export function clientUrl(socketDir: string, user: string): string {
  return `postgresql://${user}@/${DATABASE}?host=${encodeURIComponent(socketDir)}&port=${SOCKET_PORT}`;
}

/**
 * Makes sure the server has a watcher: an app that dies without closing (its terminal closed, a SIGKILL) cannot stop
 * the server, so a process of its own session, which no terminal's signal reaches, stops it once no app has been
 * present for a few seconds. Asked of the server itself: no watcher holds its lock, so one is started (of two apps
 * starting one at once, the second watcher finds the lock taken and exits).
 */
export async function ensureWatcher(presence: pg.Client, folder: string, socketDir: string): Promise<void> {
  const { rows } = await presence.query<{ unwatched: boolean }>(
    'SELECT CASE WHEN pg_try_advisory_lock($1) THEN pg_advisory_unlock($1) ELSE false END AS unwatched',
    [WATCHER_LOCK],
  );
  if (!rows[0]?.unwatched) return;
  // the sources run through tsx, the build as JavaScript: the watcher is started the way this module was loaded
  const self = fileURLToPath(import.meta.url);
  const watcher = path.join(path.dirname(self), `watcher${path.extname(self)}`);
  const loader = path.extname(self) === '.ts' ? ['--import', import.meta.resolve('tsx')] : [];
  spawn(process.execPath, [...loader, watcher, folder, socketDir], { detached: true, stdio: 'ignore' }).unref();
}
