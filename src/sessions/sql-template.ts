import { sqlFile } from '../db/sql-files.js';

/**
 * A sql/ file with `{{name}}` holes filled by identifiers or keywords the caller picked from a fixed list (a sort
 * column, a CTE's MATERIALIZED), which parameters cannot carry. User input never goes through here: it travels as parameters.
 */
export function sqlTemplate(name: string, identifiers: Record<string, string>): string {
  return sqlFile(name).replace(/\{\{(\w+)\}\}/g, (hole, key: string) => {
    const identifier = identifiers[key];
    if (identifier === undefined || !/^[a-z_][a-z0-9_]*( [a-z_]+)*$/i.test(identifier)) throw new Error(`No identifier for ${hole} in sql/${name}`);
    return identifier;
  });
}
