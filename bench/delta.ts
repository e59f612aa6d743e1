import fs from 'node:fs';
import path from 'node:path';
import { foldKey } from '../src/sessions/keys.js';
import { DATA_DIR } from './datasets.js';
import { seconds } from './format.js';
import { runOurLoad, type OurLoadRun } from './ours.js';
import type { ScratchDatabases } from './server.js';

/** The delta's share of the file it is cut from. */
export const DELTA_SHARE = 0.01;
/** The delta's events happen this long after the ones they copy: after the end of the log. */
const SHIFT_MS = 7 * 86_400_000;

export interface DeltaFile {
  file: string;
  rows: number;
  /** Distinct session keys (user, device) of the delta: what an incremental build should rebuild, no more. */
  keys: number;
  /** Of them, keys of users the log has never seen. */
  newUserKeys: number;
}

const HEX = '0123456789abcdef';
/** Each hex digit moved by 8, case kept: another id, as random as the first, never equal to it. */
const otherHex = (c: string) => {
  const i = HEX.indexOf(c.toLowerCase());
  if (i < 0) return c;
  const moved = HEX[(i + 8) % 16]!;
  return c === c.toUpperCase() && c !== c.toLowerCase() ? moved.toUpperCase() : moved;
};
/** One user in eight of the delta (by the last digit of its id) becomes a user the log has never seen. */
const isNewUser = (anonymousId: string) => '02'.includes(anonymousId.at(-1)!.toLowerCase());
const newUserId = (anonymousId: string) => [...anonymousId.slice(0, 8)].map(otherHex).join('') + anonymousId.slice(8);

/** `YYYY-MM-DD HH:MM:SS.mmm` moved by SHIFT_MS. */
function shifted(timestamp: string): string {
  const ms = Date.parse(`${timestamp.replace(' ', 'T')}Z`);
  if (Number.isNaN(ms)) throw new Error(`unexpected timestamp "${timestamp}" in the generated log`);
  return new Date(ms + SHIFT_MS).toISOString().slice(0, 23).replace('T', ' ');
}

/**
 * A day-to-day delta of a generated log, about 1% of its rows: the log's last 1% of lines (it is sorted by time),
 * moved a week later, so that they are new events, after the log's end, of the users active at its end (the heavy
 * users among them most); one user in eight of them is given a new id, as the users who arrive with every export.
 * Repeated lines of the slice stay repeated. Written once next to the log and reused (the same bytes every time).
 */
export function deltaOf(log: string): DeltaFile {
  const file = path.join(DATA_DIR, `delta-${path.basename(log)}`);
  const size = fs.statSync(log).size;
  const from = Math.floor(size * (1 - DELTA_SHARE));
  const tail = Buffer.alloc(size - from);
  const head = Buffer.alloc(Math.min(size, 4096));
  const fd = fs.openSync(log, 'r');
  try {
    fs.readSync(fd, tail, 0, tail.length, from);
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const text = tail.toString('utf8');
  const lines = text.slice(text.indexOf('\n') + 1).split('\n').filter((line) => line !== '');
  const header = head.toString('utf8').split('\n')[0]!;
  const keys = new Set<string>();
  const newKeys = new Set<string>();
  const out = lines.map((line) => {
    const fields = line.split(';');
    if (fields.length !== 8) throw new Error(`unexpected line in the generated log: "${line}"`);
    const fresh = isNewUser(fields[0]!);
    if (fresh) fields[0] = newUserId(fields[0]!);
    fields[6] = shifted(fields[6]!);
    fields[7] = shifted(fields[7]!);
    const key = `${foldKey(fields[0]!)};${foldKey(fields[3]!)}`;
    keys.add(key);
    if (fresh) newKeys.add(key);
    return fields.join(';');
  });
  if (!fs.existsSync(file)) {
    fs.writeFileSync(`${file}.part`, `${header}\n${out.join('\n')}\n`);
    fs.renameSync(`${file}.part`, file);
  }
  return { file, rows: out.length, keys: keys.size, newUserKeys: newKeys.size };
}

export interface DeltaLoad {
  delta: DeltaFile;
  /** The delta loaded into the database that holds the whole log. */
  intoLoaded: OurLoadRun;
  /** The same delta into an empty database. */
  intoEmpty: OurLoadRun;
}

/**
 * The delta of `log`, loaded by our `load` command into an empty database, then into `loadedUrl` (which holds the
 * log, and will hold the delta too afterwards).
 */
export async function benchDelta(scratch: ScratchDatabases, log: string, loadedUrl: string, label: string, say: (line: string) => void): Promise<DeltaLoad> {
  const delta = deltaOf(log);
  const emptyUrl = await scratch.create(`delta_${label}`);
  const intoEmpty = await runOurLoad(emptyUrl, delta.file);
  await scratch.drop(emptyUrl);
  const intoLoaded = await runOurLoad(loadedUrl, delta.file);
  say(
    `delta of ${delta.rows} rows (${delta.keys} keys, ${delta.newUserKeys} of new users): into the loaded database ${seconds(intoLoaded.wallMs)} ` +
      `(sessions: ${intoLoaded.sessionsDetail}), into an empty one ${seconds(intoEmpty.wallMs)}`,
  );
  return { delta, intoLoaded, intoEmpty };
}
