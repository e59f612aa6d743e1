import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { projectRoot } from '../src/config/paths.js';
import { seconds } from './format.js';
import { runTimed } from './process.js';

const run = promisify(execFile);

/** The footer of the Users list once its first page is on screen. */
const USERS_SHOWN = /rows 1-\d+ of/;
const POLL_MS = 50;
const GIVE_UP_MS = 60_000;
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

const shellQuote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

interface PackageJson {
  scripts: Record<string, string>;
  bin: Record<string, string>;
}
const packageJson = () => JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as PackageJson;

/**
 * `npm start -- <args>` as npm runs it, without npm's own process: package.json's start script, whatever it is
 * today, through the shell, with node_modules/.bin first on the PATH, as a shell command line.
 */
function npmStartLine(args: readonly string[]): string {
  const bin = path.join(projectRoot, 'node_modules', '.bin');
  return `PATH=${shellQuote(bin)}:"$PATH" ${packageJson().scripts.start} ${args.map(shellQuote).join(' ')}`;
}

/** A fresh config file and state folder for the app: nothing of this machine's profile is read. */
function freshProfile(home: string): Record<string, string> {
  return { SESSION_EXPLORER_CONFIG: path.join(home, 'config.json'), SESSION_EXPLORER_STATE_DIR: path.join(home, 'state') };
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
 * Starts the app as a user would (`npm start -- --db <folder>`, without npm's own process) in a tmux pane of a
 * 120x36 terminal, times it until the Users list shows, then quits with Q and waits for the app to exit, which stops
 * the embedded server, so that every run includes the server's start. A fresh config and state folder: nothing of
 * this machine's profile is read. Null when tmux is not installed.
 */
export async function timeStartup(folder: string, runs: number, log: (line: string) => void): Promise<StartupFigures | null> {
  if (!(await hasTmux())) {
    log('startup to the Users list: skipped, tmux is not installed');
    return null;
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'se-bench-startup-'));
  // a server of our own, its socket in our temporary folder, removed with it
  const tmux = (...args: string[]) => run('tmux', ['-S', path.join(home, 'tmux'), ...args], { cwd: projectRoot });
  const pane = async () => (await tmux('capture-pane', '-p', '-t', 'app')).stdout;
  // the shell writes the app's exit status (tmux 3.3's #{pane_dead_status} stays empty); the pane stays after the
  // app exits (remain-on-exit), so that its last screen can be read
  const statusFile = path.join(home, 'exit-status');
  const exitStatus = async () => {
    const dead = (await tmux('display-message', '-p', '-t', 'app', '#{pane_dead}')).stdout.trim() === '1';
    return dead ? Number(fs.readFileSync(statusFile, 'utf8')) : null;
  };
  const runsMs: number[] = [];
  try {
    for (let i = 1; i <= runs; i++) {
      const env = Object.entries(freshProfile(home)).map(([name, value]) => `${name}=${value}`);
      const app = npmStartLine(['--db', folder]);
      fs.rmSync(statusFile, { force: true });
      const started = performance.now();
      const session = ['new-session', '-d', '-s', 'app', '-x', String(COLUMNS), '-y', String(LINES), '-c', projectRoot, ...env.flatMap((e) => ['-e', e])];
      await tmux('start-server', ';', 'set-option', '-g', 'remain-on-exit', 'on', ';', ...session, `${app}; echo $? > ${shellQuote(statusFile)}`);
      const elapsedMs = await waitFor(
        'show the Users list',
        async () => {
          if (USERS_SHOWN.test(await pane())) return performance.now() - started;
          if ((await exitStatus()) !== null) throw new Error(`the app exited before the Users list showed; its screen:\n${await pane()}`);
          return null;
        },
        pane,
      );
      runsMs.push(elapsedMs);
      await tmux('send-keys', '-t', 'app', 'Q');
      // the app exits only after it has stopped the embedded server
      const status = await waitFor('exit after Q', exitStatus, pane);
      if (status !== 0) throw new Error(`the app exited with ${status} after Q; its screen:\n${await pane()}`);
      await tmux('kill-session', '-t', 'app');
      if (fs.existsSync(path.join(folder, 'postmaster.pid'))) throw new Error('the embedded server still runs after the app quit: the next start would not include its own.');
      log(`startup to the Users list, run ${i}/${runs}: ${seconds(elapsedMs)}`);
    }
    return { runsMs };
  } finally {
    await tmux('kill-server').catch(() => undefined);
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** A lookup through the installed command against a bare Node, each run. */
export interface CliLookupFigures {
  lookupMs: number[];
  bareNodeMs: number[];
}

/**
 * `session-explorer sessions <id> --json --db <url>` through the installed command (package.json's bin, run by
 * node) against a bare `node -e ''`, alternated, `runs` of each: what a command costs beyond Node's own start.
 */
export async function timeCliLookup(url: string, id: string, runs: number): Promise<CliLookupFigures> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'se-bench-cli-'));
  const env = { ...process.env, ...freshProfile(home), SESSION_EXPLORER_LOG_DIR: path.join(home, 'logs') };
  const bin = Object.values(packageJson().bin)[0]!;
  const lookupMs: number[] = [];
  const bareNodeMs: number[] = [];
  try {
    for (let run = 1; run <= runs; run++) {
      bareNodeMs.push((await runTimed(process.execPath, ['-e', ''], { env })).elapsedMs);
      const lookup = await runTimed(process.execPath, [bin, 'sessions', id, '--json', '--db', url], { env });
      if (!lookup.stdout.trimStart().startsWith('[') && !lookup.stdout.trimStart().startsWith('{')) {
        throw new Error(`sessions ${id} --json printed no JSON: ${lookup.stdout.slice(0, 200)}`);
      }
      lookupMs.push(lookup.elapsedMs);
    }
    return { lookupMs, bareNodeMs };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}
