import { runSeedPath, timeSeedSessions, type SeedPathRun } from './baseline.js';
import { runDuckDb, type DuckDbRun } from './duckdb.js';
import { seconds } from './format.js';
import { runOurLoad, timeOurSessions, type OurLoadRun } from './ours.js';
import type { ScratchDatabases } from './server.js';
import { targetFromText } from '../src/config/target.js';

interface SeedSide {
  seed: SeedPathRun;
  /** The seed's window query again, alone, on its vacuumed table. */
  seedSessionsMs: number;
}

interface OurSide {
  ours: OurLoadRun;
  /** Our full sessions build again, alone, on our vacuumed table. */
  oursSessionsMs: number;
}

/** One run of the server comparison: the three sides on the same file, back to back, ours in a fresh database. */
export interface ServerRun extends SeedSide, OurSide {
  run: number;
  /** Runs alternate the order (DuckDB, seed, ours, then ours, seed, DuckDB), so a machine growing busier does not always hit the same side. */
  seedFirst: boolean;
  /** DuckDB reading the file and building the same sessions: the anchor. */
  duckdb: DuckDbRun;
}

export interface ServerComparison {
  runs: ServerRun[];
  /** The last run's database of ours, kept for the lookups; the caller drops it. */
  loadedUrl: string;
}

type Log = (line: string) => void;

async function measureSeedSide(scratch: ScratchDatabases, file: string, run: number, log: Log): Promise<SeedSide> {
  const url = await scratch.create(`seed_${run}`);
  const seed = await runSeedPath(url, file);
  const seedSessionsMs = await timeSeedSessions(url);
  await scratch.drop(url);
  log(
    `run ${run}: seed's path ${seconds(seed.totalMs)} (\\copy ${seconds(seed.copyMs)}, md5 UPDATE ${seconds(seed.hashMs)}, ` +
      `indexes ${seconds(seed.indexesMs)}, window CTAS ${seconds(seed.sessionsMs)}); window CTAS alone ${seconds(seedSessionsMs)}`,
  );
  return { seed, seedSessionsMs };
}

/** Leaves its database in place; returns its URL with the figures. */
async function measureOurSide(scratch: ScratchDatabases, file: string, run: number, log: Log): Promise<OurSide & { url: string }> {
  const url = await scratch.create(`ours_${run}`);
  const ours = await runOurLoad(url, file);
  const oursSessionsMs = await timeOurSessions(targetFromText(url));
  const { steps } = ours;
  log(
    `run ${run}: our load ${seconds(ours.wallMs)} (load ${seconds(steps.load)}, post-load ${seconds(steps['post-load'])}, ` +
      `sessions ${seconds(steps.sessions)}, peak RSS ${ours.peakRssMb} MB); sessions build alone ${seconds(oursSessionsMs)}`,
  );
  return { ours, oursSessionsMs, url };
}

async function measureDuckDb(file: string, run: number, log: Log): Promise<DuckDbRun> {
  const duckdb = await runDuckDb(file, `run${run}`);
  log(
    `run ${run}: DuckDB ${duckdb.version} (${duckdb.threads} threads) ${seconds(duckdb.wallMs)} (read and drop repeats ${seconds(duckdb.readMs)}, ` +
      `sessions ${seconds(duckdb.sessionsMs)}, peak RSS ${duckdb.peakRssMb} MB): ${duckdb.events} events, ${duckdb.sessions} sessions`,
  );
  return duckdb;
}

/** `runs` runs of the three sides on `file`, alternating the order. */
export async function compareOnServer(scratch: ScratchDatabases, file: string, runs: number, log: Log): Promise<ServerComparison> {
  const results: ServerRun[] = [];
  let loadedUrl = '';
  for (let run = 1; run <= runs; run++) {
    const seedFirst = run % 2 === 1;
    let seedSide: SeedSide;
    let ourSide: OurSide & { url: string };
    let duckdb: DuckDbRun;
    if (seedFirst) {
      duckdb = await measureDuckDb(file, run, log);
      seedSide = await measureSeedSide(scratch, file, run, log);
      ourSide = await measureOurSide(scratch, file, run, log);
    } else {
      ourSide = await measureOurSide(scratch, file, run, log);
      seedSide = await measureSeedSide(scratch, file, run, log);
      duckdb = await measureDuckDb(file, run, log);
    }
    const { url, ...ours } = ourSide;
    if (run < runs) await scratch.drop(url);
    else loadedUrl = url;
    results.push({ run, seedFirst, duckdb, ...seedSide, ...ours });
  }
  return { runs: results, loadedUrl };
}
