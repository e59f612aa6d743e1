/**
 * DuckDB doing our job on the same file, in a process of its own (so that its peak memory is its own): read the
 * `;`-separated log, drop exact repeats, build the seed's 15-minute sessions with its booking flag, and count.
 * Run by bench/duckdb.ts as `node --import tsx bench/duckdb-child.ts <file> <threads> <gap> <temp folder>`; prints
 * one line of JSON.
 */
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';

const [file, threads, gap, tempDirectory] = process.argv.slice(2);
if (!file || !threads || !gap || !tempDirectory) throw new Error('usage: duckdb-child.ts <file> <threads> <gap minutes> <temp folder>');

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The file's eight columns with the types our table gives them, so that both sides parse the same values. */
const COLUMNS =
  "{'anonymous_id': 'VARCHAR', 'business_zoned': 'VARCHAR', 'context_app_version': 'VARCHAR', 'context_device_id': 'VARCHAR', " +
  "'context_os_name': 'VARCHAR', 'event_name': 'VARCHAR', 'received_at': 'TIMESTAMP', 'created_at': 'TIMESTAMP'}";

// Exact repeats are rows equal in all eight fields, what our loader counts as duplicates.
const READ = `CREATE TABLE events AS SELECT DISTINCT * FROM read_csv(${literal(file)}, delim = ';', header = true, columns = ${COLUMNS})`;

// Our build's rule (sql/sessions_build.sql, docs/sessions.md): per (lower(anonymous_id), lower(device id or '')),
// by created_at, a new session where round(seconds since the previous event) >= gap * 60, which for a positive
// difference is: microseconds >= gap * 60 s - 0.5 s, in whole numbers (no float rounding). Ties never split.
// The seed's flag: any event of the session like '%Ride Started%', '%Ride Done%' or '%Rating Screen%'.
const SESSIONS = `
CREATE TABLE sessions AS
WITH keyed AS (
  SELECT lower(anonymous_id) AS user_key, lower(coalesce(context_device_id, '')) AS device_key, created_at,
         event_name LIKE '%Ride Started%' OR event_name LIKE '%Ride Done%' OR event_name LIKE '%Rating Screen%' AS seed_booking
  FROM events
),
split AS (
  SELECT *, (lag(created_at) OVER by_time IS NULL
             OR epoch_us(created_at) - epoch_us(lag(created_at) OVER by_time) >= ${Number(gap)} * 60000000 - 500000)::integer AS starts
  FROM keyed
  WINDOW by_time AS (PARTITION BY user_key, device_key ORDER BY created_at)
),
numbered AS (
  SELECT *, sum(starts) OVER (PARTITION BY user_key, device_key ORDER BY created_at ROWS UNBOUNDED PRECEDING) AS session_index
  FROM split
)
SELECT user_key, device_key, session_index, min(created_at) AS started_at, max(created_at) AS ended_at,
       count(*) AS event_count, bool_or(seed_booking) AS booked
FROM numbered
GROUP BY user_key, device_key, session_index`;

const started = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`SET threads = ${Number(threads)}`);
await connection.run(`SET temp_directory = ${literal(tempDirectory)}`);
await connection.run(READ);
const readMs = performance.now() - started;
await connection.run(SESSIONS);
const reader = await connection.runAndReadAll(
  'SELECT (SELECT count(*) FROM events) AS events, count(*) AS sessions, count(*) FILTER (WHERE booked) AS booked, version() AS version FROM sessions',
);
const elapsedMs = performance.now() - started;
const row = reader.getRowObjects()[0]!;
connection.closeSync();
instance.closeSync();
process.stdout.write(
  `${JSON.stringify({
    version: String(row.version),
    threads: Number(threads),
    readMs: Math.round(readMs),
    sessionsMs: Math.round(elapsedMs - readMs),
    elapsedMs: Math.round(elapsedMs),
    events: Number(row.events),
    sessions: Number(row.sessions),
    seedFlagSessions: Number(row.booked),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
