import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { sampleFile } from '../src/config/paths.js';
import { SAMPLE, eventLogChunks, writeEventLog } from '../src/generate/index.js';
import { HEADER, tempDir } from './support/files.js';
import { runCli } from './support/cli.js';

const TIMESTAMP = /^2020-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/;

function generate(rows: number, seed: number): string {
  return [...eventLogChunks({ rows, seed })].join('');
}

interface Event {
  line: string;
  anonymousId: string;
  deviceId: string;
  os: string;
  name: string;
  receivedAt: number;
  createdAt: number;
}

function parse(text: string): Event[] {
  return text
    .split('\n')
    .slice(1, -1)
    .map((line) => {
      const [anonymousId = '', , , deviceId = '', os = '', name = '', received = '', created = ''] = line.split(';');
      const ms = (timestamp: string) => Date.parse(`${timestamp.replace(' ', 'T')}Z`);
      return { line, anonymousId, deviceId, os, name, receivedAt: ms(received), createdAt: ms(created) };
    });
}

/** The funnel stages of the shared vocabulary, written out again here rather than imported. */
function stageOf(name: string): number {
  if (name === 'Application Opened') return 1;
  if (name === 'Home Screen Viewed' || name.startsWith('Location Permission')) return 2;
  if (name.startsWith('Scooter Selected')) return 3;
  if (name.startsWith('Qr Scanner')) return 4;
  if (name.startsWith('Payment')) return 5;
  if (name === 'Ride Started - Successful') return 6;
  if (name.startsWith('Ride Done')) return 7;
  if (name.startsWith('Rating Screen')) return 8;
  return 0;
}

/** Events per lower-cased (user, device), in time order. */
function byDevice(events: Event[]): Event[][] {
  const groups = new Map<string, Event[]>();
  for (const event of events) {
    const key = `${event.anonymousId.toLowerCase()}|${event.deviceId.toLowerCase()}`;
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  return [...groups.values()].map((group) => group.sort((a, b) => a.createdAt - b.createdAt));
}

/** The 15-minute sessions: whole minutes of gap, from seconds rounded to the nearest second. */
function sessions(events: Event[]): Event[][] {
  const result: Event[][] = [];
  for (const group of byDevice(events)) {
    let current: Event[] = [];
    for (const event of group) {
      const previous = current[current.length - 1];
      if (previous && Math.floor(Math.round((event.createdAt - previous.createdAt) / 1000) / 60) >= 15) {
        result.push(current);
        current = [];
      }
      current.push(event);
    }
    result.push(current);
  }
  return result;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

describe('generated event log', () => {
  const text = generate(4000, 11);
  const events = parse(text);

  test('is the same bytes for the same rows and seed, and different for another seed', () => {
    assert.equal(generate(4000, 11), text);
    assert.notEqual(generate(4000, 12), text);
  });

  test('has the header and exactly the requested number of rows', () => {
    for (const rows of [1, 7, 4000]) {
      const lines = generate(rows, 3).split('\n');
      assert.equal(lines[0], HEADER);
      assert.equal(lines.pop(), '', 'the file ends with a newline');
      assert.equal(lines.length - 1, rows);
    }
  });

  test('has 8 fields per line, timestamps of 2020 in the file format, in created_at order', () => {
    for (const line of text.split('\n').slice(1, -1)) {
      const fields = line.split(';');
      assert.equal(fields.length, 8, line);
      assert.match(fields[7] as string, TIMESTAMP, line);
    }
    assert.ok(events.every((event, i) => i === 0 || (events[i - 1] as Event).createdAt <= event.createdAt));
  });

  test('writes iOS ids in upper case and Android ids in lower case', () => {
    const ios = events.filter((event) => event.os === 'iOS');
    const android = events.filter((event) => event.os === 'Android');
    assert.ok(ios.length > 0 && android.length > 0);
    assert.equal(ios.length + android.length, events.length);
    for (const event of ios) assert.equal(`${event.anonymousId}${event.deviceId}`, `${event.anonymousId}${event.deviceId}`.toUpperCase());
    for (const event of android) assert.equal(`${event.anonymousId}${event.deviceId}`, `${event.anonymousId}${event.deviceId}`.toLowerCase());
  });

  test('has sessions ending at every stage of the funnel, and a failed ride start with no ride', () => {
    const all = sessions(events);
    const furthest = new Set(all.map((session) => Math.max(...session.map((event) => stageOf(event.name)))));
    for (let stage = 1; stage <= 8; stage++) assert.ok(furthest.has(stage), `no session ends at stage ${stage}`);
    const names = (session: Event[]) => session.map((event) => event.name);
    assert.ok(all.some((s) => names(s).includes('Ride Started - Failed') && !names(s).includes('Ride Started - Successful')));
  });

  test('has rides longer than 15 minutes', () => {
    const rideMinutes: number[] = [];
    for (const group of byDevice(events)) {
      let started: number | undefined;
      for (const event of group) {
        if (event.name === 'Ride Started - Successful') started = event.createdAt;
        if (event.name === 'Ride Done - Successful' && started !== undefined) rideMinutes.push((event.createdAt - started) / 60_000);
      }
    }
    assert.ok(rideMinutes.some((minutes) => minutes > 15));
    assert.ok(rideMinutes.every((minutes) => minutes >= 3 && minutes <= 40));
  });

  test('delivers some events before they were created, some hours late, and some twice', () => {
    assert.ok(events.some((event) => event.receivedAt < event.createdAt));
    assert.ok(events.some((event) => event.receivedAt - event.createdAt > 3_600_000));
    assert.ok(new Set(events.map((event) => event.line)).size < events.length);
  });
});

describe('writing the event log', () => {
  test('writes gzip when the name ends in .gz, and leaves no partial file', async () => {
    const folder = tempDir();
    const out = path.join(folder, 'events.csv.gz');
    await writeEventLog({ rows: 500, seed: 5, out });
    assert.equal(gunzipSync(fs.readFileSync(out)).toString(), generate(500, 5));
    assert.deepEqual(fs.readdirSync(folder), ['events.csv.gz']);
  });

  test('the shipped sample is exactly what the generator makes', () => {
    const shipped = sha256(gunzipSync(fs.readFileSync(sampleFile)));
    assert.equal(shipped, sha256(generate(SAMPLE.rows, SAMPLE.seed)));
  });
});

describe('generate command', async () => {
  const run = (...args: string[]) => runCli(['generate', ...args]);

  test('prints pure CSV on stdout without --out', async () => {
    const result = await run('--rows', '25', '--seed', '9');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, generate(25, 9));
    assert.equal(result.stderr, '');
  });

  test('writes the file with one line on stderr and nothing on stdout', async () => {
    const out = path.join(tempDir(), 'events.csv');
    const result = await run('--rows', '25', '--seed', '9', '--out', out);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, `Wrote 25 rows (seed 9) to ${out}.\n`);
    assert.equal(fs.readFileSync(out, 'utf8'), generate(25, 9));
  });

  test('refuses a row count that is not a positive whole number, with exit code 2', async () => {
    for (const rows of ['0', '-4', '2.5', 'many']) {
      const result = await run('--rows', rows);
      assert.equal(result.code, 2, `--rows ${rows}`);
      assert.match(result.stderr, /--rows must be a positive whole number/);
      assert.equal(result.stdout, '');
    }
  });

  test('says clearly when the output folder does not exist', async () => {
    const out = path.join(tempDir(), 'missing', 'events.csv');
    const result = await run('--rows', '5', '--out', out);
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trim(), `session-explorer: Cannot write ${out}: its folder does not exist.`);
  });
});
