import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { SECRET_KEYWORDS, type ServerSpec, type SslMode } from './conninfo.js';

/** What the setup wizard saves. Never a password: those come from ~/.pgpass or PGPASSWORD, as in libpq. */
export type DatabaseProfile =
  | { kind: 'embedded'; dataDir: string }
  | {
      kind: 'server';
      host?: string;
      port?: number;
      database?: string;
      user?: string;
      sslmode?: SslMode;
      /** The other libpq settings of a pasted URL (sslrootcert, application_name...), secrets left out. */
      settings?: ServerSpec;
    };

export interface Profile {
  database: DatabaseProfile;
}

export function readProfile(file: string): Profile | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`Cannot read the config file ${file}: ${(error as Error).message}.`);
  }
  try {
    const profile = JSON.parse(text) as Profile & { database: { ssl?: boolean } };
    if (profile?.database?.kind !== 'embedded' && profile?.database?.kind !== 'server') throw new Error('no database');
    // profiles saved before sslmode said `ssl: true`, which meant an encrypted, unchecked connection
    const { ssl, ...database } = profile.database;
    if (database.kind === 'server' && ssl === true && database.sslmode === undefined) database.sslmode = 'require';
    return { database } as Profile;
  } catch {
    throw new UserError(`The config file ${file} is not a valid session-explorer profile; run \`setup\` to write a new one.`);
  }
}

/** The settings without their secrets (undefined when none is left). */
function publicSettings(settings: ServerSpec | undefined): ServerSpec | undefined {
  const kept = Object.entries(settings ?? {}).filter(([keyword]) => !(SECRET_KEYWORDS as readonly string[]).includes(keyword));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

export function writeProfile(file: string, profile: Profile): void {
  const db = profile.database;
  // Fields are picked, not spread, so a password on the object can never reach the file.
  const safe: Profile =
    db.kind === 'server'
      ? { database: { kind: 'server', host: db.host, port: db.port, database: db.database, user: db.user, sslmode: db.sslmode, settings: publicSettings(db.settings) } }
      : { database: { kind: 'embedded', dataDir: db.dataDir } };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, JSON.stringify(safe, null, 2) + '\n', { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}
