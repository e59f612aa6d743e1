import { performance } from 'node:perf_hooks';
import { targetFromText } from '../src/config/target.js';
import { openDatabase } from '../src/db/connect.js';
import { sessionStats } from '../src/sessions/queries.js';
import type { SessionCounts } from './duckdb.js';
import { LOG_DIR } from './datasets.js';
import { seconds } from './format.js';
import { INSTALLED_COMMAND, runTimed } from './process.js';

/** The gap curve (`stats --gaps`) and a full `rebuild`, each a whole command on the same database, run after run. */
export interface GapsAgainstRebuild {
  gapsMs: number[];
  rebuildMs: number[];
}

const command = async (url: string, args: readonly string[]) =>
  (
    await runTimed(process.execPath, [INSTALLED_COMMAND, ...args, '--db', url, '--json'], {
      env: { ...process.env, SESSION_EXPLORER_LOG_DIR: LOG_DIR },
    })
  ).elapsedMs;

/**
 * `stats --gaps --json` (the whole answer the gap explorer shows) against `rebuild --json`, as a user runs them, in
 * child processes: the same start and exit on both sides. Alternated, `runs` pairs.
 */
export async function timeGapsAgainstRebuild(url: string, runs: number, say: (line: string) => void): Promise<GapsAgainstRebuild> {
  const gapsMs: number[] = [];
  const rebuildMs: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const gaps = () => command(url, ['stats', '--gaps']);
    const rebuild = () => command(url, ['rebuild']);
    if (run % 2 === 1) {
      gapsMs.push(await gaps());
      rebuildMs.push(await rebuild());
    } else {
      rebuildMs.push(await rebuild());
      gapsMs.push(await gaps());
    }
    say(`run ${run}: stats --gaps ${seconds(gapsMs.at(-1)!)}, rebuild ${seconds(rebuildMs.at(-1)!)}`);
  }
  return { gapsMs, rebuildMs };
}

/** The all-time stats the app's Stats screen asks for first, each time on a new connection, and what they counted. */
export interface StatsFirstOpen {
  runsMs: number[];
  counts: SessionCounts;
}

/**
 * `sessionStats(db)` over all time, the first call the Stats screen makes, timed as the first call of a fresh
 * connection pool (what opening Stats in a newly started app costs), `runs` times.
 */
export async function timeStatsFirstOpen(url: string, runs: number): Promise<StatsFirstOpen> {
  const runsMs: number[] = [];
  let counts: SessionCounts | undefined;
  for (let run = 1; run <= runs; run++) {
    const db = await openDatabase(targetFromText(url));
    try {
      const started = performance.now();
      const stats = await sessionStats(db);
      runsMs.push(performance.now() - started);
      counts ??= { events: stats.events, sessions: stats.sessions, seedFlagSessions: stats.seedFlagSessions };
    } finally {
      await db.close();
    }
  }
  return { runsMs, counts: counts! };
}
