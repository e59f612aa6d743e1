import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { cacheDir } from '../../config/paths.js';
import { UserError } from '../../errors.js';
import { NoEmbeddedDatabase } from '../connect.js';
import type { Database } from '../database.js';
import { PostgresDatabase } from '../postgres.js';
import { sqlFile } from '../sql-files.js';
import { canEnter, serverAccount, type ServerAccount } from './account.js';
import { postgresPrograms, type PostgresPrograms } from './binaries.js';
import { createCluster, folderProblem, inspectFolder, placeFolder, requireReachable } from './data-folder.js';
import { clientConfig, clientUrl, DATABASE, ensureWatcher, OWNER, PRESENCE_LOCK, READER, startWatcher } from './presence.js';
import { runningServer, socketFolder, startServer, stopServer } from './server-process.js';

/** How long an app waits for a server that is starting or stopping (another app's) before it gives up. */
const START_TIMEOUT_MS = 60_000;

export interface EmbeddedOpenOptions {
  /** Create the database when the folder is missing or empty (load, setup); otherwise that is an error. */
  create: boolean;
  /** Told what takes time: creating the database on the first run, starting its server. */
  onNotice?(message: string): void;
}

/**
 * initdb runs `postgres` through /bin/sh (popen, the path in double quotes), so a path holding a character that is
 * special there would be run as a command: such programs are run from a copy instead.
 */
const SPECIAL_IN_QUOTES = /["$`\\]/;

/**
 * The programs, where the server's account can run them safely. As root, the server runs as `postgres`, which
 * cannot reach a checkout under a private home folder; and initdb reaches `postgres` through a shell. In either
 * case the programs are copied once to the cache folder (a folder of a fixed, plain name).
 */
export function programsFor(account: ServerAccount): PostgresPrograms {
  const programs = postgresPrograms();
  const native = path.dirname(path.dirname(programs.postgres));
  const reachable = account.uid === undefined || canEnter(account, path.dirname(programs.postgres));
  if (reachable && !SPECIAL_IN_QUOTES.test(native)) return programs;
  const copy = path.join(cacheDir(), `postgresql-${programs.version}`);
  if (SPECIAL_IN_QUOTES.test(copy)) {
    throw new UserError(`The embedded database's programs cannot run from ${native} nor ${copy} (a name with ", $, \` or \\); set XDG_CACHE_HOME to a plainer folder.`);
  }
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
  // the watcher this app started is still loading, and would not be seen yet
  let startedWatcher = false;
  for (;;) {
    const running = runningServer(server.folder);
    const socketDir = running?.socketDir || server.socketDir;
    const presence = new pg.Client(clientConfig(socketDir, OWNER));
    presence.on('error', () => {});
    try {
      await presence.connect();
      await presence.query('SELECT pg_advisory_lock_shared($1)', [PRESENCE_LOCK]);
      server.socketDir = socketDir;
      if (!startedWatcher) await ensureWatcher(presence, server.folder, socketDir);
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
        await startServer(server.folder, server.socketDir, server.account, server.programs).then(
          // at once, so that the server is stopped even if this app dies before it is done joining
          () => {
            startWatcher(server.folder, server.socketDir);
            startedWatcher = true;
          },
          (startError: unknown) => {
            // another app started it in the meantime: join that one
            if (!runningServer(server.folder)) throw startError;
          },
        );
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
    if (rows[0]?.last) await stopServer(server.folder);
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
  const account = serverAccount();
  const { folder, unreachable } = placeFolder(path.resolve(dataDir), account);
  const state = inspectFolder(folder);
  const problem = folderProblem(folder, state);
  if (problem) throw new UserError(problem);
  if ((state === 'missing' || state === 'empty') && !options.create) {
    throw new NoEmbeddedDatabase(folder);
  }
  const programs = programsFor(account);
  if (state === 'ours') requireReachable(account, folder);
  else {
    const why = unreachable ? `: the ${account.name} account, which runs it, cannot open ${unreachable}` : '';
    options.onNotice?.(`Creating the embedded database in ${folder} (first run${why})...`);
    await createCluster(folder, account, programs);
  }
  const server: Server = { folder, account, programs, socketDir: socketFolder(folder, account) };
  const presence = await joinServer(server, options.onNotice);
  try {
    return await PostgresDatabase.open({
      config: clientConfig(server.socketDir, OWNER),
      description: `embedded database at ${folder}`,
      reader: { kind: 'role', config: clientConfig(server.socketDir, READER) },
      clientUrls: { owner: clientUrl(server.socketDir, OWNER), reader: clientUrl(server.socketDir, READER) },
      onClose: () => leaveServer(server, presence),
    });
  } catch (error) {
    await leaveServer(server, presence);
    throw error;
  }
}
