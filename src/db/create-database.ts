import type { DatabaseTarget } from '../config/target.js';
import { resolveServer } from '../config/resolve.js';
import { openDatabase } from './connect.js';
import { quoteIdent } from './database.js';

type ServerTarget = Extract<DatabaseTarget, { kind: 'server' }>;

/** The database a server target names, filled in as psql does (given, PGDATABASE, then the user name). */
export function databaseName(target: ServerTarget, env: NodeJS.ProcessEnv = process.env): string {
  return resolveServer(target.spec, env).database.value;
}

/** CREATE DATABASE for the target's database, connected to `postgres` with the same settings (the name quoted as typed). */
export async function createDatabase(target: ServerTarget, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const name = databaseName(target, env);
  const admin = await openDatabase({ kind: 'server', spec: { ...target.spec, dbname: 'postgres' } });
  try {
    await admin.exec(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await admin.close();
  }
  return name;
}
