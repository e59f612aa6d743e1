import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../../errors.js';
import type { ServerAccount } from './account.js';
import type { PostgresPrograms } from './binaries.js';

/** The socket's name ends in the port; with no TCP listener, the port only names the socket. */
export const SOCKET_PORT = 5432;

/** Unix socket paths are limited to about 100 bytes (104 on macOS, 108 on Linux, the terminating NUL included). */
const MAX_SOCKET_PATH = 100;

/** The environment PostgreSQL's programs run with: English messages, and none of the user's PG* settings. */
export function programEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PG')));
  return { ...env, LC_ALL: 'C', LANG: 'C' };
}

/** What `postmaster.pid` says of the running server: PostgreSQL keeps it up to date, so every app process reads it. */
export interface ServerState {
  pid: number;
  socketDir: string;
  /** `starting`, `ready` or `stopping` */
  status: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The server running on `folder`, or undefined when none is (no pid file, or one left by a server that died). */
export function runningServer(folder: string): ServerState | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(folder, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  // by line number as the server counts them, which a newline in the folder's name (line 2) does not change: the
  // server writes the later lines after the n-th newline of the file
  return { pid, socketDir: lines[4] ?? '', status: (lines[7] ?? '').trim() };
}

/**
 * Where the server puts its socket: in the data folder itself, which only the server's account can open, unless
 * that path is too long for a socket (or has a character the setting cannot hold). Then a folder of its own under
 * the temp folder, named after the data folder, made for the server's account alone.
 */
export function socketFolder(folder: string, account: ServerAccount): string {
  const inFolder = path.join(folder, `.s.PGSQL.${SOCKET_PORT}`);
  if (Buffer.byteLength(inFolder) <= MAX_SOCKET_PATH && !/[,"'\\\n]/.test(folder)) return folder;
  const short = path.join(os.tmpdir(), `session-explorer-${createHash('sha256').update(folder).digest('hex').slice(0, 16)}`);
  try {
    fs.mkdirSync(short, { mode: 0o700 });
    if (account.uid !== undefined) fs.chownSync(short, account.uid, account.gid!);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stat = fs.statSync(short);
  const owner = account.uid ?? process.getuid?.();
  if (!stat.isDirectory() || stat.uid !== owner || (stat.mode & 0o077) !== 0) {
    // someone else's folder under that name could see or hijack the socket
    throw new UserError(`The embedded database's socket folder ${short} belongs to another account or is open to others; remove it and try again.`);
  }
  return short;
}

/** The server's own words on why it did not start: the last FATAL line of its start-up log. */
function startupFailure(folder: string, fallback: string): string {
  let log = '';
  try {
    log = fs.readFileSync(path.join(folder, STARTUP_LOG), 'utf8');
  } catch {
    // nothing was written: the exit status will do
  }
  const fatal = log.split('\n').filter((line) => /\b(FATAL|PANIC|ERROR):/.test(line)).at(-1);
  return (fatal ?? fallback).replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, '').trim();
}

/** Where the server writes until its logging collector takes over (and why it did not start, when it does not). */
const STARTUP_LOG = 'startup.log';

/** How long a start or a stop may take before the app gives up on it. */
const WAIT_MS = 60_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The settings the embedded server runs with, for loading and building at 10M rows in a small memory budget. Given
 * at every start, not only written by initdb, so a folder made by an earlier version runs with them too.
 * - WAL: `minimal` (no replica reads it; max_wal_senders = 0 is required with it), and room between checkpoints
 *   so a bulk load and its index builds do not force one every few seconds.
 * - Memory: shared_buffers stays at PostgreSQL's 128MB; the whole-table jobs raise work_mem and
 *   maintenance_work_mem for their own transactions (sql/work_memory.sql), one connection per core, so the process
 *   tree stays within about 600MB at 10M rows. Everything else gets 32MB to sort and hash in, not 4MB.
 * - Durability stays PostgreSQL's: synchronous_commit and fsync on. A load commits a batch at a time, so waiting
 *   for the flush costs little, and a batch the ledger calls committed is on disk.
 */
const SERVER_SETTINGS: Record<string, string> = {
  wal_level: 'minimal',
  max_wal_senders: '0',
  max_wal_size: '4GB',
  checkpoint_timeout: '30min',
  wal_buffers: '16MB',
  shared_buffers: '128MB',
  work_mem: '32MB',
  maintenance_work_mem: '128MB',
};

/**
 * Starts the server in the background: `postgres` itself, with its arguments passed as they are (no shell between,
 * so any folder name works; pg_ctl would hand them to /bin/sh). Detached, it has a session of its own: the
 * terminal's Ctrl-C and hang-up, sent to the app's process group, never reach it, and it outlives the app that
 * started it. Resolves once it accepts connections.
 */
export async function startServer(folder: string, socketDir: string, account: ServerAccount, programs: PostgresPrograms): Promise<void> {
  const log = fs.openSync(path.join(folder, STARTUP_LOG), 'a', 0o600);
  let exited: string | undefined;
  try {
    if (account.uid !== undefined) fs.fchownSync(log, account.uid, account.gid!);
    const settings = Object.entries(SERVER_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
    const child = spawn(programs.postgres, ['-D', folder, '-k', socketDir, ...settings], {
      detached: true,
      stdio: ['ignore', log, log],
      uid: account.uid,
      gid: account.gid,
      env: programEnv(),
    });
    child.on('error', (error) => (exited = error.message));
    child.on('exit', (code, signal) => (exited = `postgres exited with ${signal ?? code}`));
    child.unref();
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const state = runningServer(folder);
      if (state && state.pid === child.pid && state.status === 'ready') return;
      if (exited !== undefined) break;
      if (Date.now() > deadline) {
        exited = 'it did not become ready within a minute';
        break;
      }
      await pause(50);
    }
  } finally {
    fs.closeSync(log);
  }
  throw new UserError(`The embedded database in ${folder} did not start: ${startupFailure(folder, exited).replace(/\.$/, '')}.`);
}

/**
 * Stops the server by signal, as pg_ctl would: SIGINT asks for a fast shutdown, which rolls back what is in flight
 * and ends every connection. Resolves once the server has removed its pid file (or is gone).
 */
export async function stopServer(folder: string): Promise<void> {
  const server = runningServer(folder);
  if (!server) return;
  process.kill(server.pid, 'SIGINT');
  const deadline = Date.now() + WAIT_MS;
  while (runningServer(folder)) {
    if (Date.now() > deadline) throw new UserError(`The embedded database in ${folder} did not stop within a minute; see its log in ${path.join(folder, 'log')}.`);
    await pause(50);
  }
}
