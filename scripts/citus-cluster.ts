/**
 * A local Citus cluster for the tests: a coordinator and two workers, three ordinary PostgreSQL clusters of the
 * machine's own server with the citus extension, on their own ports under one folder.
 *
 *   node --import tsx scripts/citus-cluster.ts start <folder>   prints the coordinator's URL (nothing if no Citus)
 *   node --import tsx scripts/citus-cluster.ts stop <folder>
 *
 * Citus comes from its own packages on a user's machine; here it is built from source (../shared/citus/build.sh).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { runAs, serverAccount } from '../src/db/embedded/account.js';
import { freePort } from './free-port.js';

const NODES = ['coordinator', 'worker-1', 'worker-2'] as const;

/** The newest PostgreSQL server installed on the machine, and whether Citus is installed into it. */
function localPostgres(): { bin: string; citus: boolean } | undefined {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(a) - Number(b)) : [];
  const newest = versions.at(-1);
  if (!newest) return undefined;
  const bin = path.join(root, newest, 'bin');
  const libdir = execFileSync(path.join(bin, 'pg_config'), ['--pkglibdir'], { encoding: 'utf8' }).trim();
  return { bin, citus: fs.existsSync(path.join(libdir, 'citus.so')) };
}

async function sql(port: number, statements: readonly string[]): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

async function start(folder: string): Promise<void> {
  const postgres = localPostgres();
  if (!postgres?.citus) {
    process.stderr.write('Citus is not installed for the local PostgreSQL server: the Citus target is skipped (../shared/citus/build.sh installs it).\n');
    return;
  }
  const account = serverAccount();
  // HOME is the cluster's folder: the coordinator's connections to its workers look there for client certificates
  const env = { ...process.env, LC_ALL: 'C', HOME: folder };
  fs.mkdirSync(folder, { recursive: true, mode: 0o755 });
  if (account.uid !== undefined) fs.chownSync(folder, account.uid, account.gid!);
  const ports: number[] = [];
  for (const node of NODES) {
    const data = path.join(folder, node);
    const port = await freePort();
    ports.push(port);
    await runAs(account, path.join(postgres.bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], env);
    // tests need no durability, and a small cluster does not need 32 shards per table
    fs.appendFileSync(
      path.join(data, 'postgresql.conf'),
      `shared_preload_libraries = 'citus'\nlisten_addresses = '127.0.0.1'\nport = ${port}\nunix_socket_directories = ''\n` +
        `fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\ncitus.shard_count = 4\n`,
    );
    await runAs(account, path.join(postgres.bin, 'pg_ctl'), ['start', '-D', data, '-w', '-s', '-l', path.join(folder, `${node}.log`)], env);
  }
  const [coordinator, ...workers] = ports;
  for (const worker of workers) await sql(worker!, ['CREATE EXTENSION citus']);
  await sql(coordinator!, [
    'CREATE EXTENSION citus',
    `SELECT citus_set_coordinator_host('127.0.0.1', ${coordinator})`,
    ...workers.map((worker) => `SELECT citus_add_node('127.0.0.1', ${worker})`),
  ]);
  process.stdout.write(`postgresql://postgres@127.0.0.1:${coordinator}/postgres\n`);
}

async function stop(folder: string): Promise<void> {
  const postgres = localPostgres();
  if (!postgres || !fs.existsSync(folder)) return;
  const account = serverAccount();
  for (const node of NODES) {
    const data = path.join(folder, node);
    if (!fs.existsSync(path.join(data, 'postmaster.pid'))) continue;
    await runAs(account, path.join(postgres.bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w', '-s'], process.env).catch(() => {});
  }
  fs.rmSync(folder, { recursive: true, force: true });
}

const [command, folder] = process.argv.slice(2);
if ((command !== 'start' && command !== 'stop') || !folder) {
  process.stderr.write('usage: citus-cluster.ts start|stop <folder>\n');
  process.exitCode = 2;
} else {
  await (command === 'start' ? start(path.resolve(folder)) : stop(path.resolve(folder)));
}
