import fs from 'node:fs';
import { scratchFolder } from './datasets.js';
import { seconds } from './format.js';
import { describeLookups, measureLookupsIn, type LookupFigures } from './lookups.js';
import { runOurLoad, type OurLoadRun } from './ours.js';

export interface EmbeddedBench {
  loads: OurLoadRun[];
  lookups: LookupFigures;
}

/**
 * Our `load` into a fresh embedded database folder, `runs` times, then the lookups on the last one.
 * The folders live under bench/data and are removed.
 */
export async function benchEmbedded(
  label: string,
  file: string,
  runs: number,
  lookups: number,
  log: (line: string) => void,
): Promise<EmbeddedBench> {
  const loads: OurLoadRun[] = [];
  let folder = '';
  try {
    for (let run = 1; run <= runs; run++) {
      if (folder) fs.rmSync(folder, { recursive: true, force: true });
      folder = scratchFolder(`${label}-${run}`);
      const load = await runOurLoad(folder, file);
      loads.push(load);
      log(`embedded ${label}, run ${run}/${runs}: load ${seconds(load.wallMs)} (load step ${seconds(load.steps.load)}, peak RSS ${load.peakRssMb} MB)`);
    }
    const figures = await measureLookupsIn({ kind: 'embedded', dataDir: folder }, lookups);
    log(`embedded ${label} lookups, ${describeLookups(figures)}`);
    return { loads, lookups: figures };
  } finally {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  }
}
