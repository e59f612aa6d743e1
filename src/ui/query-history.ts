import fs from 'node:fs';
import path from 'node:path';
import { stateDir } from '../config/paths.js';

/** The console's statements, one a line (a statement is one line: the prompt has no line breaks). */
export function historyFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(stateDir(env), 'query-history');
}

/** Kept as psql keeps its own: the last 500 statements, private to the user. */
const KEEP = 500;

export function readHistory(file: string): string[] {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
  } catch {
    return [];
  }
}

/**
 * The history with `sql` added last (a repeat of the last one is not added twice), saved. A folder that cannot be
 * written only loses the history across runs, so that is not an error.
 */
export function remember(history: readonly string[], sql: string, file: string): string[] {
  const next = history.at(-1) === sql ? [...history] : [...history, sql].slice(-KEEP);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, `${next.join('\n')}\n`, { mode: 0o600 });
  } catch {
    // the history still works for this run
  }
  return next;
}
