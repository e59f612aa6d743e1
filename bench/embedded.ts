import fs from 'node:fs';
import { scratchFolder } from './datasets.js';
import { seconds } from './format.js';
import { describeLookups, measureLookupsIn, type LookupFigures } from './lookups.js';
import { runOurLoad, type OurLoadRun } from './ours.js';
import { withTreeMemory, type TreePeak } from './process-tree.js';
import { timeStartup, type StartupFigures } from './startup.js';

/** A load into a fresh embedded folder, with the memory of the whole tree: our command and the server it started. */
export interface EmbeddedLoadRun extends OurLoadRun {
  tree: TreePeak;
}

export interface EmbeddedBench {
  loads: EmbeddedLoadRun[];
  lookups: LookupFigures;
  /** The app's start to the Users list on the loaded folder, when asked for and tmux is there. */
  startup: StartupFigures | null;
}

/**
 * Our `load` into a fresh embedded database folder, `runs` times, then the lookups on the last one and, with
 * `startupRuns`, the app's start on it. The folders live under bench/data and are removed.
 */
export async function benchEmbedded(
  label: string,
  file: string,
  runs: number,
  options: { lookups: number; startupRuns: number },
  log: (line: string) => void,
): Promise<EmbeddedBench> {
  const loads: EmbeddedLoadRun[] = [];
  let folder = '';
  try {
    for (let run = 1; run <= runs; run++) {
      if (folder) fs.rmSync(folder, { recursive: true, force: true });
      folder = scratchFolder(`${label}-${run}`);
      const [load, tree] = await withTreeMemory(folder, (watch) => runOurLoad(folder, file, watch));
      loads.push({ ...load, tree });
      log(
        `embedded ${label}, run ${run}/${runs}: load ${seconds(load.wallMs)} (load step ${seconds(load.steps.load)}, peak RSS ${load.peakRssMb} MB, ` +
          `peak PSS app and server ${tree.totalMb} MB = ${tree.appMb} + ${tree.serverMb})`,
      );
    }
    const figures = await measureLookupsIn({ kind: 'embedded', dataDir: folder }, options.lookups);
    log(`embedded ${label} lookups, ${describeLookups(figures)}`);
    const startup = options.startupRuns > 0 ? await timeStartup(folder, options.startupRuns, log) : null;
    return { loads, lookups: figures, startup };
  } finally {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  }
}
