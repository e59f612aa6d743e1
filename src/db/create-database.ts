import os from 'node:os';
import type { DatabaseTarget } from '../config/target.js';
import { openDatabase } from './connect.js';
import { quoteIdent } from './database.js';

type ServerTarget = Extract<DatabaseTarget, { kind: 'server' }>;

/** The database a server target names, filled in as libpq does: URL path, field, PGDATABASE, then the user name. */
export function databaseName(target: ServerTarget, env: NodeJS.ProcessEnv = process.env): string {
  if (target.url) {
    const url = new URL(target.url);
    const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
    if (name) return name;
    return decodeURIComponent(url.username) || env.PGUSER || os.userInfo().username;
  }
  return target.database ?? env.PGDATABASE ?? target.user ?? env.PGUSER ?? os.userInfo().username;
}

/** The same server and credentials, connected to the `postgres` maintenance database. */
function maintenanceTarget(target: ServerTarget): ServerTarget {
  if (!target.url) return { ...target, database: 'postgres' };
  const url = new URL(target.url);
  url.pathname = '/postgres';
  return { ...target, url: url.toString() };
}

/** CREATE DATABASE for the target's database (the name quoted, so any name the user typed is taken as it is). */
export async function createDatabase(target: ServerTarget, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const name = databaseName(target, env);
  const admin = await openDatabase(maintenanceTarget(target));
  try {
    await admin.exec(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await admin.close();
  }
  return name;
}
