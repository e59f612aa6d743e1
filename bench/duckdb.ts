import os from 'node:os';
import fs from 'node:fs';
import { DEFAULT_GAP_MINUTES } from '../src/sessions/settings.js';
import { scratchFolder } from './datasets.js';
import { runTimed } from './process.js';

/** What DuckDB made of the file: its counts, to check against ours. */
export interface SessionCounts {
  /** Events after exact repeats (rows equal in all eight fields) are dropped. */
  events: number;
  /** Sessions of the seed's definition. */
  sessions: number;
  /** Of them, those with the seed's booking flag. */
  seedFlagSessions: number;
}

/** DuckDB reading the file and building the seed's sessions, in a process of its own (bench/duckdb-child.ts). */
export interface DuckDbRun extends SessionCounts {
  version: string;
  threads: number;
  /** The whole child process, start to exit, as our `load` command is timed. */
  wallMs: number;
  /** Inside the process: from opening the database to the counts. */
  elapsedMs: number;
  /** Of it: reading the file and dropping the repeats. */
  readMs: number;
  sessionsMs: number;
  /** What the process reports (process.resourceUsage().maxRSS), DuckDB's memory included. */
  peakRssMb: number;
  /** The same, seen by GNU time from outside; null where it is not installed. */
  peakRssMbOutside: number | null;
}

/**
 * DuckDB (`@duckdb/node-api`) on `file` with as many threads as the machine has cores, what our load may use: an
 * in-memory database, spilling to a scratch folder that is removed afterwards.
 */
export async function runDuckDb(file: string, label: string): Promise<DuckDbRun> {
  const temp = scratchFolder(`duckdb-${label}`);
  try {
    const threads = os.availableParallelism();
    const run = await runTimed(
      process.execPath,
      ['--import', 'tsx', 'bench/duckdb-child.ts', file, String(threads), String(DEFAULT_GAP_MINUTES), temp],
      { measureRss: true },
    );
    const figures = JSON.parse(run.stdout) as Omit<DuckDbRun, 'wallMs' | 'peakRssMbOutside'>;
    return { ...figures, wallMs: run.elapsedMs, peakRssMbOutside: run.peakRssMb };
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** Where the two sides' counts differ (empty when they agree), for the report's check line. */
export function countDifferences(duckdb: SessionCounts, ours: SessionCounts): string[] {
  const names = ['events', 'sessions', 'seedFlagSessions'] as const;
  return names.filter((name) => duckdb[name] !== ours[name]).map((name) => `${name}: DuckDB ${duckdb[name]}, ours ${ours[name]}`);
}
