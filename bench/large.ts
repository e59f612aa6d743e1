import { timeBareCopy } from './baseline.js';
import { benchDelta, type DeltaLoad } from './delta.js';
import { runDuckDb, type DuckDbRun } from './duckdb.js';
import { timeStatsFirstOpen, type StatsFirstOpen } from './explore.js';
import { seconds } from './format.js';
import { describeLookups, measureLookupsIn, type LookupFigures } from './lookups.js';
import { runOurLoad, type OurLoadRun } from './ours.js';
import type { ScratchDatabases } from './server.js';
import { targetFromText } from '../src/config/target.js';

export interface LargeLoad {
  copyMs: number;
  duckdb: DuckDbRun;
  ours: OurLoadRun;
  lookups: LookupFigures;
  /** The all-time stats on the loaded database, once: its counts are checked against DuckDB's. */
  stats: StatsFirstOpen;
  delta: DeltaLoad;
}

/**
 * One run at a size too slow to repeat (10M rows): the bare \copy, DuckDB, our `load` (does memory stay bounded?),
 * the lookups and the stats on what it loaded, then the 1% delta into it. The seed's full path is left out: it adds
 * nothing the 1M runs do not show.
 */
export async function benchLargeLoad(
  scratch: ScratchDatabases,
  file: string,
  lookups: number,
  log: (line: string) => void,
): Promise<LargeLoad> {
  const copyUrl = await scratch.create('copy_large');
  const copyMs = await timeBareCopy(copyUrl, file);
  await scratch.drop(copyUrl);
  log(`large: \\copy ${seconds(copyMs)}`);

  const duckdb = await runDuckDb(file, 'large');
  log(`large: DuckDB ${seconds(duckdb.wallMs)} (peak RSS ${duckdb.peakRssMb} MB): ${duckdb.events} events, ${duckdb.sessions} sessions`);

  const url = await scratch.create('ours_large');
  const ours = await runOurLoad(url, file);
  log(`large: our load ${seconds(ours.wallMs)} (load step ${seconds(ours.steps.load)}, sessions ${seconds(ours.steps.sessions)}, peak RSS ${ours.peakRssMb} MB)`);
  const figures = await measureLookupsIn(targetFromText(url), lookups);
  log(`large lookups, ${describeLookups(figures)}`);
  const stats = await timeStatsFirstOpen(url, 1);
  log(`large: stats over all time ${seconds(stats.runsMs[0]!)}: ${stats.counts.events} events, ${stats.counts.sessions} sessions`);
  const delta = await benchDelta(scratch, file, url, 'large', (line) => log(`large: ${line}`));
  await scratch.drop(url);
  return { copyMs, duckdb, ours, lookups: figures, stats, delta };
}
