import fs from 'node:fs';
import path from 'node:path';

/** What the setup wizard saves. Never a password: those come from ~/.pgpass or PGPASSWORD, as in libpq. */
export type DatabaseProfile =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'server'; host?: string; port?: number; database?: string; user?: string; ssl?: boolean };

export interface Profile {
  database: DatabaseProfile;
}

export function readProfile(file: string): Profile | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot read the config file ${file}: ${(error as Error).message}.`);
  }
  try {
    const profile = JSON.parse(text) as Profile;
    if (profile?.database?.kind !== 'embedded' && profile?.database?.kind !== 'server') throw new Error('no database');
    return profile;
  } catch {
    throw new Error(`The config file ${file} is not a valid session-explorer profile; run \`setup\` to write a new one.`);
  }
}

export function writeProfile(file: string, profile: Profile): void {
  const db = profile.database;
  // Fields are picked, not spread, so a password on the object can never reach the file.
  const safe: Profile =
    db.kind === 'server'
      ? { database: { kind: 'server', host: db.host, port: db.port, database: db.database, user: db.user, ssl: db.ssl } }
      : { database: { kind: 'embedded', dataDir: db.dataDir } };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, JSON.stringify(safe, null, 2) + '\n', { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}
