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

/** Held by the server's watcher (watcher.ts, in the `postgres` database) for as long as it runs: one per server. */
export const WATCHER_LOCK = 727_413;

export function clientConfig(socketDir: string, user: string, database = DATABASE): pg.ClientConfig {
  // no TLS on a Unix socket, as libpq has it: PGSSLMODE=require in the environment must not ask the server for it
  return { host: socketDir, port: SOCKET_PORT, user, database, ssl: false, application_name: 'session-explorer' };
}

/** The same, as a libpq URL for a client of the user's own: the socket's folder percent-encoded, any name survives. */
export function clientUrl(socketDir: string, user: string): string {
  return `postgresql://${user}@/${DATABASE}?host=${encodeURIComponent(socketDir)}&port=${SOCKET_PORT}`;
}

/**
 * Starts the server's watcher (watcher.ts): an app that dies without closing (its terminal closed, a SIGKILL) cannot
 * stop the server, so a process of its own session, which no terminal's signal reaches, stops it once no client has
 * been connected for a few seconds. Of two watchers of one server, the second finds the lock taken and exits.
 */
export function startWatcher(folder: string, socketDir: string): void {
  // the sources run through tsx, the build as JavaScript: the watcher is started the way this module was loaded
  const self = fileURLToPath(import.meta.url);
  const watcher = path.join(path.dirname(self), `watcher${path.extname(self)}`);
  const loader = path.extname(self) === '.ts' ? ['--import', import.meta.resolve('tsx')] : [];
  spawn(process.execPath, [...loader, watcher, folder, socketDir], { detached: true, stdio: 'ignore' }).unref();
}

/** A server found running (started by an app that is gone, or whose watcher was killed) gets a watcher if it has none. */
export async function ensureWatcher(presence: pg.Client, folder: string, socketDir: string): Promise<void> {
  // pg_locks sees every database's locks, the watcher's in `postgres` included
  const { rows } = await presence.query<{ watched: boolean }>(
    `SELECT EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted) AS watched`,
    [WATCHER_LOCK],
  );
  if (!rows[0]?.watched) startWatcher(folder, socketDir);
}
