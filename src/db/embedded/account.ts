import { execFileSync, spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import { UserError } from '../../errors.js';

/**
 * The operating-system account the embedded server runs as: the user running the app, or `postgres` when that is
 * root, since PostgreSQL refuses to run as root.
 */
export interface ServerAccount {
  name: string;
  /** Set when the server runs as another account than this process (we are root). */
  uid?: number;
  gid?: number;
}

function idOf(name: string, flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
}

function existingAccount(name: string): ServerAccount | undefined {
  try {
    return { name, uid: idOf(name, '-u'), gid: idOf(name, '-g') };
  } catch {
    return undefined;
  }
}

/** As root: the `postgres` account, created (a system account with its own group) when the machine has none. */
function postgresAccount(): ServerAccount {
  const found = existingAccount('postgres');
  if (found) return found;
  const created = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], {
    stdio: 'ignore',
  });
  const account = existingAccount('postgres');
  if (created.status !== 0 || !account) {
    throw new UserError(
      'The embedded database cannot run as root and no `postgres` account could be created for it; run the app as an ordinary user or create that account.',
    );
  }
  return account;
}

export function serverAccount(): ServerAccount {
  if (process.getuid?.() !== 0) return { name: os.userInfo().username };
  return postgresAccount();
}

/**
 * True when the account can open the folder: every folder above it lets it through. Asked of the system itself
 * (`test -x` run as that account: no shell, so any name is taken as it is), so ACLs and groups count as they will
 * for the server.
 */
export function canEnter(account: ServerAccount, folder: string): boolean {
  if (account.uid === undefined) return true;
  const result = spawnSync('test', ['-x', folder], { uid: account.uid, gid: account.gid, stdio: 'ignore' });
  return result.status === 0;
}

/**
 * Runs a PostgreSQL program as the server's account, without blocking this thread (the app keeps drawing). The
 * account is switched by the system call itself (spawn's uid and gid), with no shell or su between. Resolves
 * with its output; rejects with that output as the message when it fails.
 */
export function runAs(account: ServerAccount, program: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { uid: account.uid, gid: account.gid, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output.trim());
      else reject(new Error(output.trim() || `${program} exited with ${code}`));
    });
  });
}
