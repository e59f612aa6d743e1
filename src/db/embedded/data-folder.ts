import fs from 'node:fs';
import path from 'node:path';
import { checkoutDataDir, sharedDataDir } from '../../config/paths.js';
import { UserError } from '../../errors.js';
import { canEnter, runAs, type ServerAccount } from './account.js';
import type { PostgresPrograms } from './binaries.js';
import { programEnv } from './server-process.js';

/** Written into every data folder the app creates, once it is complete: a folder without it is not ours. */
const MARKER = 'session-explorer.json';

/**
 * What a data folder holds: nothing yet, our embedded database, or something we must not start a server on
 * (a folder PGlite made for an earlier version of the app, another PostgreSQL's data, other files).
 */
export type FolderState = 'missing' | 'empty' | 'ours' | 'pglite' | 'foreign' | 'other-files';

export function inspectFolder(folder: string): FolderState {
  let entries: string[];
  try {
    entries = fs.readdirSync(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') throw new UserError(`${folder} is a file, not the folder of an embedded database.`);
    throw new UserError(`Cannot open the embedded database folder ${folder}: ${(error as Error).message}.`);
  }
  if (entries.length === 0) return 'empty';
  if (entries.includes(MARKER)) return 'ours';
  if (!entries.includes('PG_VERSION')) return 'other-files';
  // initdb writes its files for the server's account alone; PGlite wrote them for everyone (0666).
  return (fs.statSync(path.join(folder, 'PG_VERSION')).mode & 0o022) !== 0 ? 'pglite' : 'foreign';
}

/** Why a folder cannot be used, in one sentence that says what to do; undefined when it can. */
export function folderProblem(folder: string, state: FolderState): string | undefined {
  switch (state) {
    case 'pglite':
      return (
        `${folder} holds a database made by an earlier version of session-explorer (PGlite), which this version cannot open; ` +
        'move it aside or delete it and load your file again, or choose another folder with --db.'
      );
    case 'foreign':
      return `${folder} holds a PostgreSQL data folder that session-explorer did not create; choose another folder with --db, or point --db at that server's URL.`;
    case 'other-files':
      return `${folder} is not empty and holds no embedded database; choose an empty or new folder with --db.`;
    default:
      return undefined;
  }
}

/**
 * The server's settings: reachable only through a Unix socket in a folder only its account can open (no TCP), and
 * tuned for one person's analytics (no replication, so WAL stays minimal and bulk loads write less).
 */
const SETTINGS = `
# session-explorer: the embedded database's settings
listen_addresses = ''
unix_socket_permissions = 0700
max_connections = 40
wal_level = minimal
max_wal_senders = 0
max_wal_size = 2GB
checkpoint_timeout = 15min
logging_collector = on
log_directory = 'log'
log_filename = 'postgresql-%a.log'
log_truncate_on_rotation = on
log_rotation_age = 1d
log_rotation_size = 0
lc_messages = 'C'
timezone = 'UTC'
log_timezone = 'UTC'
`;

/** Only the socket, and only for the accounts that can open its folder (the server's account, and root). */
const HBA = `# session-explorer: local connections only; the socket's folder (0700) decides who can connect
local all all trust
`;

function chownTree(folder: string, account: ServerAccount): void {
  if (account.uid === undefined) return;
  for (const entry of [folder, ...fs.readdirSync(folder, { recursive: true }).map((name) => path.join(folder, String(name)))]) {
    fs.lchownSync(entry, account.uid, account.gid!);
  }
}

function writeOwned(file: string, text: string, account: ServerAccount, flag = 'w'): void {
  fs.writeFileSync(file, text, { mode: 0o600, flag });
  if (account.uid !== undefined) fs.chownSync(file, account.uid, account.gid!);
}

/**
 * initdb into a folder beside the target, then a rename into place: a folder is either complete (it has the
 * marker) or absent, even if the app is killed midway, and of two apps creating it at once the first rename wins.
 */
export async function createCluster(folder: string, account: ServerAccount, programs: PostgresPrograms): Promise<void> {
  const parent = path.dirname(folder);
  fs.mkdirSync(parent, { recursive: true });
  requireReachable(account, parent);
  const staging = path.join(parent, `.${path.basename(folder)}.creating-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { mode: 0o700 });
  try {
    chownTree(staging, account);
    await runAs(account, programs.initdb, ['-D', staging, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-instructions'], programEnv());
    writeOwned(path.join(staging, 'postgresql.conf'), SETTINGS, account, 'a');
    writeOwned(path.join(staging, 'pg_hba.conf'), HBA, account);
    writeOwned(path.join(staging, MARKER), `${JSON.stringify({ createdBy: 'session-explorer', postgres: programs.version }, null, 2)}\n`, account);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    const reason = (error as Error).message.split('\n').find((line) => /error|fatal|cannot|could not/i.test(line)) ?? (error as Error).message;
    throw new UserError(`Could not create the embedded database in ${folder}: ${reason.trim().replace(/\.$/, '')}.`);
  }
  try {
    // rename() replaces an empty folder, such as one the user made for the database beforehand
    fs.renameSync(staging, folder);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    // another app created it first: that one is used
  }
}

/** The folder itself, or the nearest one above it that exists: the one whose reach decides whether it can be made. */
function nearestExisting(folder: string): string {
  let at = folder;
  while (!fs.existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  return at;
}

/**
 * The folder the embedded database is in. The checkout's own folder (the default, however it was given) cannot
 * serve when the server's account cannot reach the checkout (as root in a private home): then its database lives in
 * the checkout's folder under /var/lib (sharedDataDir), found again by every command. Any other folder is as given.
 */
export function placeFolder(folder: string, account: ServerAccount): { folder: string; unreachable?: string } {
  if (folder !== checkoutDataDir || account.uid === undefined || inspectFolder(folder) === 'ours') return { folder };
  const shared = sharedDataDir();
  if (inspectFolder(shared) === 'ours' || !canEnter(account, nearestExisting(folder))) return { folder: shared, unreachable: folder };
  return { folder };
}

/** The server's account must be able to open the folder: a checkout under a private home folder is out of its reach. */
export function requireReachable(account: ServerAccount, folder: string): void {
  if (canEnter(account, folder)) return;
  throw new UserError(
    `The embedded database runs as the ${account.name} account (PostgreSQL does not run as root), which cannot open ${folder}; ` +
      'choose a folder it can reach with --db or SESSION_EXPLORER_DATA_DIR, such as one under /var/lib.',
  );
}
