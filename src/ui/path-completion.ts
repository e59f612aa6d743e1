import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileProblem } from '../errors.js';
import { statFile } from '../etl/csv-reader.js';

/** `~/x` as the shell means it. */
export function expandHome(typed: string): string {
  return typed === '~' || typed.startsWith('~/') ? path.join(os.homedir(), typed.slice(1)) : typed;
}

/**
 * Completions of a typed path, each the whole typed text plus the rest of a name in its folder (folders end
 * with a slash), CSV files first: what the file prompt offers as you type.
 */
export function pathSuggestions(typed: string, cwd = process.cwd()): string[] {
  if (typed === '') return [];
  const slash = typed.lastIndexOf('/');
  const folderTyped = slash === -1 ? '' : typed.slice(0, slash + 1);
  const start = typed.slice(slash + 1);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.resolve(cwd, expandHome(folderTyped || '.')), { withFileTypes: true });
  } catch {
    return [];
  }
  const isData = (name: string) => /\.csv(\.gz)?$/i.test(name);
  return entries
    .filter((e) => e.name.startsWith(start) && (start.startsWith('.') || !e.name.startsWith('.')))
    .sort((a, b) => Number(isData(b.name)) - Number(isData(a.name)) || a.name.localeCompare(b.name))
    .map((e) => `${folderTyped}${e.name}${e.isDirectory() ? '/' : ''}`);
}

/** The file a typed path names, or why it cannot be loaded, in one sentence. */
export function checkDataFile(typed: string, cwd = process.cwd()): { file: string } | { problem: string } {
  if (typed.trim() === '') return { problem: 'Type the path of a .csv or .csv.gz file.' };
  const file = path.resolve(cwd, expandHome(typed.trim()));
  try {
    statFile(file);
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    // the prompt has a way out the command line does not: completing a name in the folder
    return { problem: error.kind === 'folder' ? `${file} is a folder: type the name of a file in it (Tab completes).` : error.message };
  }
  return { file };
}
