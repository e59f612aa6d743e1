import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One connection as ~/.pgpass matches it; absent fields mean libpq's defaults. */
export interface PgpassKey {
  host: string;
  port: string;
  database: string;
  user: string;
}

export function pgpassFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.PGPASSFILE ?? path.join(os.homedir(), '.pgpass');
}

/** Splits a line on unescaped colons and undoes `\:` and `\\`, as libpq reads it. */
function fields(line: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) current += line[++i];
    else if (c === ':') {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

function escape(value: string): string {
  return value.replace(/[\\:]/g, (c) => `\\${c}`);
}

/** True when a line of the password file would give `key` a password (libpq's first-match rule, `*` wildcards). */
export function pgpassHasEntry(key: PgpassKey, env: NodeJS.ProcessEnv = process.env): boolean {
  let text: string;
  try {
    text = fs.readFileSync(pgpassFile(env), 'utf8');
  } catch {
    return false;
  }
  const wanted = [key.host, key.port, key.database, key.user];
  return text.split(/\r?\n/).some((line) => {
    if (line.startsWith('#') || line.trim() === '') return false;
    const parts = fields(line);
    return parts.length >= 5 && wanted.every((value, i) => parts[i] === '*' || parts[i] === value);
  });
}

/** Appends one entry; the file is created 0600 (libpq ignores a password file others can read). Returns its path. */
export function appendPgpass(key: PgpassKey, password: string, env: NodeJS.ProcessEnv = process.env): string {
  const file = pgpassFile(env);
  const line = [key.host, key.port, key.database, key.user, password].map(escape).join(':');
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  fs.appendFileSync(file, `${separator}${line}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}
