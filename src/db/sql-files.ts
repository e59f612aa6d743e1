import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config/paths.js';

const cache = new Map<string, string>();

/** The text of `sql/<name>`, read once per process. */
export function sqlFile(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(projectRoot, 'sql', name), 'utf8');
    cache.set(name, text);
  }
  return text;
}
