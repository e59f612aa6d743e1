/**
 * The Citus layout and its plans: run by `npm test` on the local cluster it starts (scripts/test.ts). The checks that
 * hold on every backend (exact counts, incremental equals full, the reference sessions, resume after a kill) run on
 * Citus through `backends`; this file checks what only Citus has: where the tables went, and that the build and the
 * lookups run on the shards instead of pulling rows to the coordinator.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { citusBackend, citusUrl, withFreshDatabase } from './support/backends.js';
import { createEventTables, insertEvents, randomEvents } from './support/session-fixtures.js';
import { projectRoot } from '../src/config/paths.js';
import type { Queryable } from '../src/db/database.js';
import { applyLayout, describeLayout, readLayout, sharedStep } from '../src/db/layout.js';
import { sqlFile } from '../src/db/sql-files.js';
import { splitStatements } from '../src/db/statements.js';
import { createSchema } from '../src/etl/schema.js';
import { buildSessions } from '../src/sessions/build.js';
import { sessionStats } from '../src/sessions/queries.js';
import { ensureSessionSchema } from '../src/sessions/schema.js';
import { RIDE_HOLD_MINUTES } from '../src/sessions/settings.js';
import { sqlTemplate } from '../src/sessions/sql-template.js';

const skip = citusUrl ? false : 'no Citus cluster (TEST_CITUS_URL; npm test starts one when Citus is installed)';

async function plan(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<string> {
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${sql}`, params);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

/** Nothing of the statement runs on the coordinator but the merge of the shards' answers. */
function assertPushedDown(text: string, what: string): void {
  assert.doesNotMatch(text, /pull to coordinator|repartition|Distributed Subplan|intermediate_result/i, `${what}:\n${text}`);
  assert.match(text, /Custom Scan \(Citus Adaptive\)/, `${what}:\n${text}`);
}

/** The placement table of docs/scaling.md: table name to what it says ("distributed by `user_key`", ...). */
function documentedPlacement(): Map<string, string> {
  const doc = fs.readFileSync(path.join(projectRoot, 'docs', 'scaling.md'), 'utf8');
  const rows = [...doc.matchAll(/^\| `(\w+)` \| (.+?) \|$/gm)];
  assert.ok(rows.length > 0, 'docs/scaling.md has its placement table');
  return new Map(rows.map((m) => [m[1]!, m[2]!]));
}

/** The data-changing statements of a script of ours (its LOCK and SET lines are no plans). */
function dmlOf(file: string): string[] {
  return splitStatements(sqlFile(file))
    .map((s) => s.replace(/^(\s*--[^\n]*\n)+/, '').trim())
    .filter((s) => /^(INSERT|DELETE|UPDATE|SELECT|WITH)\b/i.test(s));
}

describe('on a Citus coordinator', { skip }, () => {
  test('the schema distributes the growing tables by user key, co-located, and a second pass changes nothing', async () => {
    await withFreshDatabase(citusBackend, async (db) => {
      await createEventTables(db);
      await ensureSessionSchema(db);
      await createSchema(db);
      await db.withConnection((connection) => applyLayout(connection, []));
      const layout = await readLayout(db);
      assert.deepEqual(layout, { kind: 'citus', workers: 2 });
      assert.equal(describeLayout(layout), 'Citus, 2 workers');
      const { rows } = await db.query<{ name: string; type: string; column: string | null; group: number }>(
        `SELECT c.relname AS name, CASE p.partmethod WHEN 'h' THEN 'distributed' WHEN 'n' THEN 'reference' END AS type,
                column_to_column_name(p.logicalrelid, p.partkey) AS column, p.colocationid AS group
           FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid
          WHERE c.relnamespace = current_schema()::regnamespace ORDER BY 1`,
      );
      const groups = new Set(rows.filter((r) => r.type === 'distributed').map((r) => r.group));
      assert.equal(groups.size, 1, 'one co-location group');
      const placed = new Map(rows.map((r) => [r.name, r]));
      // every table of ours: what docs/scaling.md says about it is what the cluster did
      const { rows: tables } = await db.query<{ name: string }>(
        "SELECT relname AS name FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p') ORDER BY 1",
      );
      const documented = documentedPlacement();
      assert.deepEqual([...documented.keys()].sort(), tables.map((t) => t.name), 'the doc lists every table');
      for (const { name } of tables) {
        const where = placed.get(name);
        const actual = !where
          ? 'local to the coordinator'
          : where.type === 'reference'
            ? 'reference table: a copy on every node'
            : `distributed by \`${where.column}\`${name === 'mobile_events' ? '' : ', co-located'}`;
        assert.equal(documented.get(name), actual, name);
      }
      const stats = await sessionStats(db);
      assert.equal(stats.layout, 'Citus, 2 workers');
    });
  });

  test('the sessions build, its bookkeeping and the lookups by user run on the shards', async () => {
    await withFreshDatabase(citusBackend, async (db) => {
      await createEventTables(db);
      const events = randomEvents(7, 20, 30);
      await insertEvents(db, events.slice(0, 300));
      await buildSessions(db);
      await insertEvents(db, events.slice(300));
      const shared = sharedStep(await readLayout(db));
      const params = [15, RIDE_HOLD_MINUTES];

      for (const events of ['mobile_events', 'dirty_key_events']) {
        const text = await plan(db, sqlTemplate('sessions_build.sql', { events, shared }), params);
        assertPushedDown(text, `build from ${events}`);
        assert.match(text, /Insert on sessions_\d+/, `the shards insert their own sessions:\n${text}`);
      }
      for (const sessions of ['sessions', 'dirty_user_sessions']) {
        assertPushedDown(await plan(db, sqlTemplate('sessions_users.sql', { sessions })), `user summaries from ${sessions}`);
      }
      for (const sessions of ['sessions', 'dirty_key_sessions']) {
        assertPushedDown(await plan(db, sqlTemplate('sessions_built_counts.sql', { sessions })), `counts of ${sessions}`);
      }
      for (const statement of [...dmlOf('sessions_take_dirty_keys.sql'), 'DELETE FROM session_dirty_keys']) {
        assertPushedDown(await plan(db, statement), statement);
      }

      const { rows } = await db.query<{ user_key: string }>('SELECT user_key FROM session_users LIMIT 1');
      const user = rows[0]!.user_key;
      for (const [file, values] of [
        ['sessions_of_user.sql', [user, false, null, null]],
        ['sessions_events.sql', [user, true, 0, null]],
      ] as const) {
        const text = await plan(db, sqlFile(file), values);
        assertPushedDown(text, file);
        assert.match(text, /Task Count: 1\b/, `${file} goes to the one shard of the user:\n${text}`);
      }
      const page = await plan(db, sqlTemplate('sessions_users_page.sql', { sort: 'sessions' }), [null, null, null, null, 30]);
      assertPushedDown(page, 'a page of the user list');

      // the build's settings reach the workers that run it: a JIT compile per shard would cost more than it saves
      const settings = await db
        .transaction(async (tx) => {
          await tx.exec(sqlFile('sessions_take_all_keys.sql'));
          const seen = await tx.query<{ jit: string }>("SELECT DISTINCT current_setting('jit') AS jit FROM mobile_events");
          throw Object.assign(new Error('roll back'), { seen: seen.rows });
        })
        .catch((error: { seen?: unknown }) => error.seen);
      assert.deepEqual(settings, [{ jit: 'off' }]);

      // and the build still gives what a single server gives: the sessions of every key, built incrementally
      const built = await buildSessions(db);
      assert.equal(built.mode, 'incremental');
      const full = await buildSessions(db, { full: true });
      assert.equal(full.sessions, (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE NOT ride_aware')).rows[0]!.n);
    });
  });
});
