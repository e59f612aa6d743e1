import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config/paths.js';
import { writeEventLog } from '../src/generate/index.js';

/** Generated files and scratch folders: git-ignored. Generated logs are kept and reused (same rows, same bytes). */
export const DATA_DIR = path.join(projectRoot, 'bench', 'data');

/** The seed of every generated log: the same data on every machine and every run. */
export const DATA_SEED = 1;

/** bench/data/events-<rows>-seed<seed>.csv, generated unless it is already there (the generator only renames a complete file into place). */
export async function generatedLog(rows: number): Promise<string> {
  const file = path.join(DATA_DIR, `events-${rows}-seed${DATA_SEED}.csv`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    await writeEventLog({ rows, seed: DATA_SEED, out: file });
  }
  return file;
}

const scratchPrefix = `scratch-${process.pid}-`;

/** A fresh folder (an embedded database, DuckDB's spill), removed by the caller (or by `removeScratchFolders`). */
export function scratchFolder(label: string): string {
  const folder = path.join(DATA_DIR, `${scratchPrefix}${label}`);
  fs.rmSync(folder, { recursive: true, force: true });
  return folder;
}

/** Every scratch folder of this process: what an interrupted run leaves behind. */
export function removeScratchFolders(): void {
  if (!fs.existsSync(DATA_DIR)) return;
  for (const name of fs.readdirSync(DATA_DIR)) {
    if (name.startsWith(scratchPrefix)) fs.rmSync(path.join(DATA_DIR, name), { recursive: true, force: true });
  }
}

/** Where the child `load` commands write their run log and rejects, instead of the project's logs/. */
export const LOG_DIR = path.join(DATA_DIR, 'logs');
