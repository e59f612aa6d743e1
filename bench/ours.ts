import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/connect.js';
import type { DatabaseTarget } from '../src/config/target.js';
import type { StepName } from '../src/etl/events.js';
import { buildSessions } from '../src/sessions/build.js';
import { LOG_DIR } from './datasets.js';
import { INSTALLED_COMMAND, runTimed } from './process.js';

/** One `load` command, as a user runs it, measured from outside. */
export interface OurLoadRun {
  /** The whole command: process start, every pipeline step, exit. */
  wallMs: number;
  read: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  /** Each pipeline step's own time, as the command reports it. */
  steps: Record<StepName, number>;
  /** The sessions step's own line ("incremental: N user/device keys, M sessions"). */
  sessionsDetail: string;
  /** What the command reports (process.resourceUsage().maxRSS). */
  peakRssMb: number;
  /** The same, seen by GNU time from outside; null where it is not installed. */
  peakRssMbOutside: number | null;
}

interface LoadJson {
  read: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  peakRssMb: number;
  steps: { step: StepName; elapsedMs: number; detail: string }[];
}

/**
 * `load FILE --db DB --json` in a child process of its own: the installed command (the compiled JavaScript), with no
 * npm process in between, so the memory it reports is the loader's and nobody else's.
 */
export async function runOurLoad(db: string, file: string, onSpawn?: (pid: number) => void): Promise<OurLoadRun> {
  const run = await runTimed(process.execPath, [INSTALLED_COMMAND, 'load', file, '--db', db, '--json'], {
    measureRss: true,
    onSpawn,
    env: { ...process.env, SESSION_EXPLORER_LOG_DIR: LOG_DIR },
  });
  const summary = JSON.parse(run.stdout) as LoadJson;
  const steps = Object.fromEntries(summary.steps.map((s) => [s.step, s.elapsedMs])) as Record<StepName, number>;
  const sessionsDetail = summary.steps.find((s) => s.step === 'sessions')?.detail ?? '';
  const { read, inserted, duplicates, rejected, peakRssMb } = summary;
  return { wallMs: run.elapsedMs, read, inserted, duplicates, rejected, steps, sessionsDetail, peakRssMb, peakRssMbOutside: run.peakRssMb };
}

/** Our full sessions build, in this process, after the same VACUUM ANALYZE the baseline's query gets. */
export async function timeOurSessions(target: DatabaseTarget): Promise<number> {
  const db = await openDatabase(target);
  try {
    await db.exec('VACUUM ANALYZE mobile_events');
    const started = performance.now();
    await buildSessions(db, { full: true });
    return performance.now() - started;
  } finally {
    await db.close();
  }
}
