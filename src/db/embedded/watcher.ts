/**
 * The embedded server's watcher, run as a process of its own (see ensureWatcher in presence.ts): `watcher <data
 * folder> <socket folder>`. It stops the server once no app has held the presence lock for GRACE_MS, and exits
 * when the server goes away. The grace lets the next app find and reuse the server of an app that was killed.
 */
import pg from 'pg';
import { clientConfig, OWNER, PRESENCE_LOCK, WATCHER_LOCK } from './presence.js';
import { stopServer } from './server-process.js';

const GRACE_MS = 3_000;
const POLL_MS = 500;

const [folder, socketDir] = process.argv.slice(2) as [string, string];
const client = new pg.Client({ ...clientConfig(socketDir, OWNER), application_name: 'session-explorer watcher' });
client.on('error', () => {});

async function watch(): Promise<void> {
  await client.connect();
  const { rows } = await client.query<{ alone: boolean }>('SELECT pg_try_advisory_lock($1) AS alone', [WATCHER_LOCK]);
  if (!rows[0]?.alone) return;
  let absentSince: number | undefined;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const { rows: free } = await client.query<{ absent: boolean }>('SELECT pg_try_advisory_lock($1) AS absent', [PRESENCE_LOCK]);
    if (!free[0]?.absent) {
      absentSince = undefined;
      continue;
    }
    absentSince ??= Date.now();
    // stopped holding the lock, as the last app does, so that no app joins a server that is stopping
    if (Date.now() - absentSince >= GRACE_MS) return stopServer(folder);
    await client.query('SELECT pg_advisory_unlock($1)', [PRESENCE_LOCK]);
  }
}

// an error is the server going away (stopped by the last app, or by hand): nothing is left to watch
await watch().catch(() => {});
await client.end().catch(() => {});
