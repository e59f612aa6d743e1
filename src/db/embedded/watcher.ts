/**
 * The embedded server's watcher, run as a process of its own (see startWatcher in presence.ts): `watcher <data
 * folder> <socket folder>`. It stops the server once no client has been connected for GRACE_MS, and exits when the
 * server goes away. Any client counts, not only apps holding the presence lock: an app still creating the roles on
 * a new server, or psql on the URL `serve` printed. It connects as the superuser to the `postgres` database, which
 * exist from the server's first start. The grace lets the next app find and reuse the server of an app that was
 * killed; an app that connects in the very moment it stops finds the server going away, and starts it again.
 */
import pg from 'pg';
import { clientConfig, WATCHER_LOCK } from './presence.js';
import { stopServer } from './server-process.js';

const GRACE_MS = 3_000;
const POLL_MS = 500;

const ALONE = `SELECT NOT EXISTS (SELECT FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()) AS alone`;

const [folder, socketDir] = process.argv.slice(2) as [string, string];
const client = new pg.Client({ ...clientConfig(socketDir, 'postgres', 'postgres'), application_name: 'session-explorer watcher' });
client.on('error', () => {});

async function watch(): Promise<void> {
  await client.connect();
  const { rows } = await client.query<{ first: boolean }>('SELECT pg_try_advisory_lock($1) AS first', [WATCHER_LOCK]);
  if (!rows[0]?.first) return;
  let aloneSince: number | undefined;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const { rows: now } = await client.query<{ alone: boolean }>(ALONE);
    if (!now[0]?.alone) aloneSince = undefined;
    else if (Date.now() - (aloneSince ??= Date.now()) >= GRACE_MS) return stopServer(folder);
  }
}

// an error is the server going away (stopped by the last app, or by hand): nothing is left to watch
await watch().catch(() => {});
await client.end().catch(() => {});
