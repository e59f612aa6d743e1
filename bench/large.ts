import { timeBareCopy } from './baseline.js';
import { seconds } from './format.js';
import { describeLookups, measureLookupsIn, type LookupFigures } from './lookups.js';
import { runOurLoad, type OurLoadRun } from './ours.js';
import type { ScratchDatabases } from './server.js';
import { targetFromText } from '../src/config/target.js';

export interface LargeLoad {
  copyMs: number;
  ours: OurLoadRun;
  lookups: LookupFigures;
}

/**
 * One run at a size too slow to repeat (10M rows): the bare \copy, our `load` (does memory stay bounded?), and
 * the lookups on what it loaded. The seed's full path is left out: it adds nothing the 1M runs do not show.
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

  const url = await scratch.create('ours_large');
  const ours = await runOurLoad(url, file);
  log(`large: our load ${seconds(ours.wallMs)} (load step ${seconds(ours.steps.load)}, peak RSS ${ours.peakRssMb} MB)`);
  const figures = await measureLookupsIn(targetFromText(url), lookups);
  log(`large lookups, ${describeLookups(figures)}`);
  await scratch.drop(url);
  return { copyMs, ours, lookups: figures };
}
