import fs from 'node:fs';
import { passwordFile } from './resolve.js';

/** The fields of one password-file line, as psql matches them. */
export interface PgpassKey {
  host: string;
  port: string;
  database: string;
  user: string;
}

function escape(value: string): string {
  return value.replace(/[\\:]/g, (c) => `\\${c}`);
}

/** Appends one entry; the file is created 0600 (libpq ignores a password file others can read). Returns its path. */
export function appendPgpass(key: PgpassKey, password: string, env: NodeJS.ProcessEnv = process.env): string {
  const file = passwordFile(env);
  const line = [key.host, key.port, key.database, key.user, password].map(escape).join(':');
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  fs.appendFileSync(file, `${separator}${line}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}
