import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';

export interface FolderLock {
  release(): void;
}

/** A killed process whose parent has not reaped it yet still answers signal 0; Linux shows it as a zombie. */
function isZombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/**
 * PGlite has no lock of its own: two processes on one data folder would corrupt it.
 * A lock file holding our pid keeps a second process out; a stale one (dead pid) is taken over.
 */
export function acquireFolderLock(folder: string): FolderLock {
  const lockFile = path.join(folder, 'session-explorer.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        fs.rmSync(lockFile, { force: true });
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockFile, 'utf8'));
      if (Number.isInteger(holder) && isAlive(holder)) {
        throw new UserError(`The embedded database at ${folder} is in use by another session-explorer process (pid ${holder}).`);
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database at ${folder}.`);
}
