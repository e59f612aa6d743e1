import type { Database } from '../db/database.js';
import { requireSessions } from '../sessions/readiness.js';
import type { CommandContext } from './command.js';

/** Opens the command's database, checks it has what the command reads (`ready`), runs `fn`, and always closes it. */
export async function withDatabase<T>(
  context: CommandContext,
  fn: (db: Database) => Promise<T>,
  ready: (db: Database) => Promise<void> = requireSessions,
): Promise<T> {
  const db = await context.openDatabase();
  try {
    await ready(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}
