import fs from 'node:fs';

/** The fields of one password-file line, as libpq matches them. */
export interface PgpassKey {
  host: string;
  port: string;
  database: string;
  user: string;
}

function escape(value: string): string {
  return value.replace(/[\\:]/g, (c) => `\\${c}`);
}

/**
 * Appends one entry; the file is created 0600 (libpq ignores a password file others can read). Returns its path.
 * The key's host must be the one libpq looks up (pgpassKey in resolve.ts), so the entry is found again.
 */
export function appendPgpass(file: string, key: PgpassKey, password: string): string {
  const line = [key.host, key.port, key.database, key.user, password].map(escape).join(':');
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  fs.appendFileSync(file, `${separator}${line}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

/**
 * One field of a line against a value, as libpq's pwdfMatchesString: `*` matches anything, `\` escapes the next
 * character. Returns where the next field starts, or -1.
 */
function matchField(line: string, at: number, value: string): number {
  if (line[at] === '*' && line[at + 1] === ':') return at + 2;
  let i = at;
  let j = 0;
  while (i < line.length) {
    let escaped = false;
    if (line[i] === '\\') {
      i++;
      escaped = true;
    }
    if (line[i] === ':' && !escaped && j === value.length) return i + 1;
    if (j === value.length || line[i] !== value[j]) return -1;
    i++;
    j++;
  }
  return -1;
}

/**
 * The password of the first matching line, read as libpq's passwordFromFile reads it. Written here rather than
 * with the pgpass package, whose reader skips lines under 11 characters, takes `#` at the start of a line for a
 * host, and splits `\\:` as an escaped colon.
 */
export function findPgpassPassword(text: string, key: PgpassKey): string | undefined {
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line === '' || line.startsWith('#')) continue;
    let at = 0;
    for (const value of [key.host, key.port, key.database, key.user]) {
      at = matchField(line, at, value);
      if (at === -1) break;
    }
    if (at === -1) continue;
    let password = '';
    for (let i = at; i < line.length && line[i] !== ':'; i++) password += line[i] === '\\' && i + 1 < line.length ? line[++i] : line[i];
    return password;
  }
  return undefined;
}
