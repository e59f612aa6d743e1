import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config/paths.js';

/** The baseline's SQL lives in bench/sql (it is the seed's, not ours: it stays out of sql/). */
export function benchSqlPath(name: string): string {
  return path.join(projectRoot, 'bench', 'sql', name);
}

export function benchSql(name: string): string {
  return fs.readFileSync(benchSqlPath(name), 'utf8');
}
