import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';

export interface FolderLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
