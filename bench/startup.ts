import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { projectRoot } from '../src/config/paths.js';
import { seconds } from './format.js';

const run = promisify(execFile);

/** The footer of the Users list once its first page is on screen. */
const USERS_SHOWN = /rows 1-\d+ of/;
const POLL_MS = 50;
const GIVE_UP_MS = 120_000;
const [COLUMNS, LINES] = [120, 36];

/** The app's start to the Users list, each run. */
export interface StartupFigures {
  runsMs: number[];
}

async function hasTmux(): Promise<boolean> {
  try {
    await run('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
}

async function waitFor<T>(what: string, poll: () => Promise<T | null>, pane: () => Promise<string>): Promise<T> {
  const started = performance.now();
  for (;;) {
    const found = await poll();
    if (found !== null) return found;
    if (performance.now() - started > GIVE_UP_MS) throw new Error(`the app did not ${what} within ${GIVE_UP_MS / 1000} s; its screen:\n${await pane()}`);
    await sleep(POLL_MS);
  }
}

/**
 * Null when tmux is not installed. Starts the app as a user would (`npm start -- --db <folder>`, without npm's own process) in a tmux pane of a
 * 120x36 terminal, times it until the Users list shows, then quits with Q and waits for the app to exit, which stops
 * the embedded server, so that every run includes the server's start. A fresh config and state folder: nothing of
 * this machine's profile is read.
 */
export async function timeStartup(folder: string, runs: number, log: (line: string) => void): Promise<StartupFigures | null> {
  if (!(await hasTmux())) {
    log('startup to the Users list: skipped, tmux is not installed');
    return null;
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'se-bench-startup-'));
  const tmux = (...args: string[]) => run('tmux', ['-L', `bench-${process.pid}`, ...args], { cwd: projectRoot });
  const pane = async () => (await tmux('capture-pane', '-p', '-t', 'app')).stdout;
  const runsMs: number[] = [];
  try {
    for (let i = 1; i <= runs; i++) {
      const env = [`SESSION_EXPLORER_CONFIG=${path.join(home, 'config.json')}`, `SESSION_EXPLORER_STATE_DIR=${path.join(home, 'state')}`];
      const app = [process.execPath, '--import', 'tsx', 'src/cli.tsx', '--db', folder].map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
      const started = performance.now();
      await tmux('new-session', '-d', '-s', 'app', '-x', String(COLUMNS), '-y', String(LINES), '-c', projectRoot, ...env.flatMap((e) => ['-e', e]), app);
      const elapsedMs = await waitFor('show the Users list', async () => (USERS_SHOWN.test(await pane()) ? performance.now() - started : null), pane);
      runsMs.push(elapsedMs);
      await tmux('send-keys', '-t', 'app', 'Q');
      // the session ends with the app, and the app only after it has stopped the embedded server
      await waitFor('exit after Q', async () => ((await tmux('has-session', '-t', 'app').then(() => true, () => false)) ? null : true), pane);
      if (fs.existsSync(path.join(folder, 'postmaster.pid'))) throw new Error('the embedded server still runs after the app quit: the next start would not include its own.');
      log(`startup to the Users list, run ${i}/${runs}: ${seconds(elapsedMs)}`);
    }
    return { runsMs };
  } finally {
    await tmux('kill-server').catch(() => undefined);
    fs.rmSync(home, { recursive: true, force: true });
  }
}
