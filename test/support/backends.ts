import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/config/target.js';
import type { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/connect.js';
import { postgresPrograms } from '../../src/db/embedded/binaries.js';
import { runningServer } from '../../src/db/embedded/server-process.js';
import { targetFromText } from '../../src/config/target.js';

/** The real PostgreSQL server the tests use; CI starts it (see .ci/run). */
export const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestBackend {
  name: 'embedded' | 'server' | 'citus';
  /** A fresh, empty database of this kind; `drop` removes it. */
  create(): Promise<{ target: DatabaseTarget; url: string; drop(): Promise<void> }>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The embedded database's setup scripts, hashed: a template made before they changed is not used. */
function setupScriptsHash(): string {
  const hash = createHash('sha256');
  for (const file of ['embedded_roles.sql', 'embedded_app_grants.sql']) hash.update(fs.readFileSync(path.join(repoSql, file)));
  return hash.digest('hex').slice(0, 12);
}

const repoSql = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'sql');

/**
 * initdb takes a second or two: an empty embedded database is made once per PostgreSQL build, shared by every test
 * process (renamed into place, so a racing process never sees half of it), and copied with its owner and modes.
 */
async function emptyEmbeddedTemplate(): Promise<string> {
  const template = path.join(os.tmpdir(), `se-test-embedded-template-${postgresPrograms().version}-${setupScriptsHash()}`);
  if (fs.existsSync(template)) return template;
  const building = path.join(os.tmpdir(), `se-test-embedded-building-${process.pid}`);
  const db = await openDatabase({ kind: 'embedded', dataDir: building }, { create: true });
  await db.close();
  try {
    fs.renameSync(building, template);
  } catch {
    fs.rmSync(building, { recursive: true, force: true });
  }
  return template;
}

export const embeddedBackend: TestBackend = {
  name: 'embedded',
  async create() {
    const template = await emptyEmbeddedTemplate();
    const dataDir = path.join(os.tmpdir(), `se-test-db-${randomBytes(6).toString('hex')}`);
    execFileSync('cp', ['-a', template, dataDir]);
    return {
      target: { kind: 'embedded', dataDir },
      url: dataDir,
      async drop() {
        await stopLeftoverServer(dataDir);
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

/** A test that failed before it closed its database (or killed its app) leaves a server running: stop it now. */
export async function stopLeftoverServer(dataDir: string): Promise<void> {
  const server = runningServer(dataDir);
  if (!server) return;
  process.kill(server.pid, 'SIGQUIT');
  while (runningServer(dataDir)) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** One statement as the server's or the cluster's administrator (CREATE or DROP of a test's database or schema). */
async function asAdmin(url: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export const serverBackend: TestBackend = {
  name: 'server',
  async create() {
    const name = `se_test_${randomBytes(6).toString('hex')}`;
    await asAdmin(serverUrl, `CREATE DATABASE ${name}`);
    const url = withDatabase(serverUrl, name);
    return {
      target: targetFromText(url),
      url,
      drop: () => asAdmin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  },
};

/**
 * A Citus coordinator, when the suite runs with one (scripts/test.ts starts a local cluster and sets this). Unset:
 * the Citus target is skipped, and the wrapper has said so in one line.
 */
export const citusUrl = process.env.TEST_CITUS_URL || undefined;

/**
 * A fresh schema per test, named by the URL's `options=-c search_path=...`: on Citus a new database needs the
 * extension and the node list set up on every node again, a schema costs only its tables.
 */
export const citusBackend: TestBackend = {
  name: 'citus',
  async create() {
    if (!citusUrl) throw new Error('TEST_CITUS_URL is not set: no Citus cluster to test on');
    const schema = `se_test_${randomBytes(6).toString('hex')}`;
    await asAdmin(citusUrl, `CREATE SCHEMA ${schema}`);
    const u = new URL(citusUrl);
    // percent-encoded, as libpq reads a URL: a form's `+` for a space would stay a `+`
    u.search = `?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const url = u.toString();
    return {
      target: targetFromText(url),
      url,
      drop: () => asAdmin(citusUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`),
    };
  },
};

export const backends: readonly TestBackend[] = [embeddedBackend, serverBackend, ...(citusUrl ? [citusBackend] : [])];

/** Opens a fresh database of the backend, runs `fn`, then closes and drops it. */
export async function withFreshDatabase<T>(backend: TestBackend, fn: (db: Database, url: string) => Promise<T>): Promise<T> {
  const fresh = await backend.create();
  const db = await openDatabase(fresh.target);
  try {
    return await fn(db, fresh.url);
  } finally {
    await db.close();
    await fresh.drop();
  }
}
