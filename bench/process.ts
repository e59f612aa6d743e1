import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../src/config/paths.js';
import { ensureBuilt } from '../bin/build.js';

/** What users run (package.json's bin): the compiled JavaScript, rebuilt here first if the sources changed. */
export const INSTALLED_COMMAND = path.join(projectRoot, 'bin', 'session-explorer.js');
ensureBuilt();

export interface TimedRun {
  elapsedMs: number;
  stdout: string;
  /** Peak resident memory of the child as GNU time saw it, or null where GNU time is not installed. */
  peakRssMb: number | null;
}

export interface RunOptions {
  /** A file fed to the child's standard input. */
  stdinFile?: string;
  env?: NodeJS.ProcessEnv;
  /** Run under GNU time to read the child's peak RSS from outside. */
  measureRss?: boolean;
  /** Told the pid of the process started (GNU time's, when it measures), e.g. to watch its memory while it runs. */
  onSpawn?: (pid: number) => void;
}

const GNU_TIME = '/usr/bin/time';
let gnuTime: Promise<boolean> | undefined;

/** Whether GNU time is there (BSD time takes other flags): asked once, by timing `true`. */
function hasGnuTime(): Promise<boolean> {
  gnuTime ??= new Promise((resolve) => {
    const out = path.join(os.tmpdir(), `se-bench-time-probe-${process.pid}`);
    const probe = spawn(GNU_TIME, ['-f', '%M', '-o', out, 'true'], { stdio: 'ignore' });
    probe.on('error', () => resolve(false));
    probe.on('close', (code) => {
      let reported = '';
      try {
        reported = fs.readFileSync(out, 'utf8');
      } catch {
        // no file: not GNU time
      }
      fs.rmSync(out, { force: true });
      resolve(code === 0 && /^\d+\s*$/.test(reported));
    });
  });
  return gnuTime;
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

/** Runs `command` from the project root and times it wall-clock; a non-zero exit throws with the end of its stderr. */
export async function runTimed(command: string, args: readonly string[], options: RunOptions = {}): Promise<TimedRun> {
  const rssFile = options.measureRss && (await hasGnuTime()) ? path.join(os.tmpdir(), `se-bench-rss-${process.pid}-${Date.now()}`) : null;
  const [file, argv] = rssFile ? [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args]] : [command, [...args]];
  const stdin = options.stdinFile ? fs.openSync(options.stdinFile, 'r') : 'ignore';
  const started = performance.now();
  try {
    const child = spawn(file, argv, { cwd: projectRoot, env: options.env ?? process.env, stdio: [stdin, 'pipe', 'pipe'] });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    let stdout = '';
    let stderr = '';
    // both are pipes (stdio above); the types cannot tell with stdin chosen at run time
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'ENOENT' ? new Error(`${path.basename(file)} is not installed (not found on PATH).`) : error),
      );
      child.on('close', resolve);
    });
    const elapsedMs = performance.now() - started;
    if (code !== 0) throw new Error(`${path.basename(command)} ${args[0] ?? ''} exited with ${code}:\n${lastLines(stderr, 10)}`);
    const peakKb = rssFile ? Number(fs.readFileSync(rssFile, 'utf8').trim()) : NaN;
    return { elapsedMs, stdout, peakRssMb: Number.isFinite(peakKb) ? Math.round(peakKb / 1024) : null };
  } finally {
    if (typeof stdin === 'number') fs.closeSync(stdin);
    if (rssFile) fs.rmSync(rssFile, { force: true });
  }
}
