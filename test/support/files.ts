import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const HEADER = 'anonymous_id;business_zoned;context_app_version;context_device_id;context_os_name;event_name;received_at;created_at';

const tempDirs: string[] = [];
process.on('exit', () => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A temp folder removed when the test process exits. Others may pass through it (not list or read it): run as root,
 * an embedded database's server runs as `postgres`, which must reach a data folder made inside.
 */
export function tempDir(prefix = 'se-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o711);
  tempDirs.push(dir);
  return dir;
}

export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** A valid data line; `i` makes it unique. */
export function eventLine(i: number, user = `user-${i % 7}`, minute = i): string {
  const created = new Date(Date.UTC(2020, 2, 1, 8, 0, 0) + minute * 60_000).toISOString().replace('T', ' ').replace('Z', '');
  const received = new Date(Date.UTC(2020, 2, 1, 8, 0, 2) + minute * 60_000).toISOString().replace('T', ' ').replace('Z', '');
  return `${user};berlin;3.10.${i % 3};dev-${user};Android;Application Opened;${received};${created}`;
}

export function csv(lines: readonly string[], eol = '\n'): string {
  return [HEADER, ...lines].join(eol) + eol;
}
