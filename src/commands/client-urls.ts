import type { ClientUrls, Database } from '../db/database.js';
import { UserError } from '../errors.js';

/** The URLs a client of the user's own connects on; a database that has none (a server) is refused in one sentence. */
export function clientUrlsOf(db: Database, command: string): ClientUrls {
  if (db.clientUrls) return db.clientUrls;
  throw new UserError(`\`${command}\` is for the embedded database; ${db.description} is a server: connect to it with its own URL.`);
}
