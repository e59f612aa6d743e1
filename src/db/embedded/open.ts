import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { UserError } from '../../errors.js';
import type { Database } from '../database.js';
import { PostgresDatabase } from '../postgres.js';
import { sqlFile } from '../sql-files.js';
import { canEnter, serverAccount, type ServerAccount } from './account.js';
import { postgresPrograms, type PostgresPrograms } from './binaries.js';
import { createCluster, folderProblem, inspectFolder, requireReachable } from './data-folder.js';
import { runningServer, SOCKET_PORT, socketFolder, startServer, stopServer } from './server-process.js';

/** The app's roles and database inside the embedded server (see sql/embedded_roles.sql). */
const OWNER = 'explorer';
const READER = 'explorer_reader';
const DATABASE = 'session_explorer';

/**
 * Every app process using the server holds this advisory lock in shared mode for as long as it runs. The one that
 * can take it exclusively when it closes is the last one, and stops the server.
 */
const PRESENCE_LOCK = 727_412;

/** How long an app waits for a server that is starting or stopping (another app's) before it gives up. */
const START_TIMEOUT_MS = 60_000;

export interface EmbeddedOpenOptions {
  /** Create the database when the folder is missing or empty (load, setup); otherwise that is an error. */
  create: boolean;
  /** Told what takes time: creating the database on the first run, starting its server. */
  onNotice?(message: string): void;
}

/**
 * As root, the server runs as `postgres`, which must be able to run the programs: a checkout under a private home
 * folder is out of its reach, so the programs are copied once to a folder it can open.
 */
export function programsFor(account: ServerAccount): PostgresPrograms {
  const programs = postgresPrograms();
  const native = path.dirname(path.dirname(programs.postgres));
  if (account.uid === undefined || canEnter(account, path.dirname(programs.postgres))) return programs;
  const copy = path.join('/var/cache/session-explorer', `postgresql-${programs.version}`);
  if (!fs.existsSync(path.join(copy, '.complete'))) {
    const staging = `${copy}.copying-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    // verbatim: the libraries' relative symlinks must point inside the copy, not back to the unreachable original
    fs.cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    fs.writeFileSync(path.join(staging, '.complete'), '');
    fs.rmSync(copy, { recursive: true, force: true });
    fs.renameSync(staging, copy);
  }
  const inCopy = (program: string) => path.join(copy, path.relative(native, program));
  requireReachable(account, path.join(copy, 'bin'));
  return { ...programs, initdb: inCopy(programs.initdb), pgCtl: inCopy(programs.pgCtl), postgres: inCopy(programs.postgres) };
}

function clientConfig(socketDir: string, user: string, database = DATABASE): pg.ClientConfig {
  return { host: socketDir, port: SOCKET_PORT, user, database, application_name: 'session-explorer' };
}

/** The server is not there yet, or is going away: the connection should be tried again once it is up. */
function isNotServing(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  if (code === undefined) return /Connection terminated/i.test((error as Error).message ?? '');
  return ['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03'].includes(code);
}

/** The roles and the database, made by the superuser the first time (and again if someone dropped them). */
async function bootstrap(socketDir: string): Promise<void> {
  const admin = new pg.Client(clientConfig(socketDir, 'postgres', 'postgres'));
  await admin.connect();
  try {
    await admin.query(sqlFile('embedded_roles.sql')).catch((error: { code?: string }) => {
      // two apps bootstrapping at once: the other one made the role (a duplicate, or a unique violation)
      if (error.code !== '42710' && error.code !== '23505') throw error;
    });
    const { rowCount } = await admin.query('SELECT FROM pg_database WHERE datname = $1', [DATABASE]);
    if (rowCount === 0) {
      await admin.query(`CREATE DATABASE ${DATABASE} OWNER ${OWNER}`).catch((error: { code?: string }) => {
        // made by the other app meanwhile: reported as a duplicate, or as a unique violation when it was that close
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await admin.end();
  }
  const inApp = new pg.Client(clientConfig(socketDir, 'postgres'));
  await inApp.connect();
  try {
    await inApp.query(sqlFile('embedded_app_grants.sql'));
  } finally {
    await inApp.end();
  }
}

interface Server {
  folder: string;
  account: ServerAccount;
  programs: PostgresPrograms;
  socketDir: string;
}

/**
 * This process's presence: a connection holding the presence lock, shared. Starts the server when none runs, and
 * waits out another app's start or stop; never a second server on one folder (PostgreSQL's own lock file sees to it).
 */
async function joinServer(server: Server, onNotice?: (message: string) => void): Promise<pg.Client> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const running = runningServer(server.folder);
    const socketDir = running?.socketDir || server.socketDir;
    const presence = new pg.Client(clientConfig(socketDir, OWNER));
    presence.on('error', () => {});
    try {
      await presence.connect();
      await presence.query('SELECT pg_advisory_lock_shared($1)', [PRESENCE_LOCK]);
      server.socketDir = socketDir;
      return presence;
    } catch (caught) {
      let error = caught;
      await presence.end().catch(() => {});
      const code = (error as { code?: string }).code;
      if (code === '28000' || code === '3D000') {
        // the role or the database is missing: a new cluster (the server may still be starting: then try again)
        const failed = await bootstrap(socketDir).then(() => undefined, (bootstrapError: unknown) => bootstrapError);
        if (failed === undefined) continue;
        error = failed;
      }
      if (!isNotServing(error)) throw error;
      if (Date.now() > deadline) throw new UserError(`The embedded database in ${server.folder} did not come up within a minute; see its log in ${path.join(server.folder, 'log')}.`);
      if (!running) {
        onNotice?.(`Starting the embedded database in ${server.folder}...`);
        await startServer(server.folder, server.socketDir, server.account, server.programs).catch((startError: unknown) => {
          // another app started it in the meantime: join that one
          if (!runningServer(server.folder)) throw startError;
        });
      } else {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
}

/** Leaves the server; the last app to leave stops it, holding the lock so that no app joins a server that is stopping. */
async function leaveServer(server: Server, presence: pg.Client): Promise<void> {
  try {
    const { rows } = await presence.query<{ last: boolean }>('SELECT pg_try_advisory_lock($1) AS last', [PRESENCE_LOCK]);
    if (rows[0]?.last) await stopServer(server.folder, server.account, server.programs);
  } catch {
    // the server went away first (stopped by hand, or by another app): nothing is left to stop
  } finally {
    await presence.end().catch(() => {});
  }
}

/**
 * The embedded database: a real PostgreSQL the app runs itself, in `dataDir`, created on first use, reached only
 * through a Unix socket, and shared by every app process on that folder; the last one to close it stops it.
 */
export async function openEmbedded(dataDir: string, options: EmbeddedOpenOptions): Promise<Database> {
  const folder = path.resolve(dataDir);
  const state = inspectFolder(folder);
  const problem = folderProblem(folder, state);
  if (problem) throw new UserError(problem);
  if ((state === 'missing' || state === 'empty') && !options.create) {
    throw new UserError(`There is no embedded database in ${folder}; load a file into it first, or check the folder's name.`);
  }
  const account = serverAccount();
  const programs = programsFor(account);
  if (state === 'ours') requireReachable(account, folder);
  else {
    options.onNotice?.(`Creating the embedded database in ${folder} (first run)...`);
    await createCluster(folder, account, programs);
  }
  const server: Server = { folder, account, programs, socketDir: socketFolder(folder, account) };
  const presence = await joinServer(server, options.onNotice);
  try {
    return await PostgresDatabase.open({
      config: clientConfig(server.socketDir, OWNER),
      description: `embedded database at ${folder}`,
      reader: { kind: 'role', config: clientConfig(server.socketDir, READER) },
      onClose: () => leaveServer(server, presence),
    });
  } catch (error) {
    await leaveServer(server, presence);
    throw error;
  }
}
