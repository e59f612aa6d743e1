import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, serverBackend, withFreshDatabase } from './support/backends.js';

for (const backend of backends) {
  describe(`${backend.name} backend`, () => {
    test('returns timestamps exactly as stored and counts as numbers', async () => {
      await withFreshDatabase(backend, async (db) => {
        const { rows } = await db.query<{ t: string; n: number; x: number }>(
          "SELECT '2020-03-29 02:30:00.25'::timestamp AS t, count(*) AS n, 1.5::numeric AS x FROM generate_series(1, 3)",
        );
        assert.deepEqual(rows, [{ t: '2020-03-29 02:30:00.25', n: 3, x: 1.5 }]);
      });
    });

    test('copies CSV rows on one connection and rolls back a failed transaction', async () => {
      await withFreshDatabase(backend, async (db) => {
        await db.exec('CREATE TABLE t (a text, b text)');
        const copied = await db.transaction((c) => c.copyIn('t', ['a', 'b'], '"x\ty";\n"z;q";2\n', { delimiter: ';' }));
        assert.equal(copied, 2);
        await assert.rejects(
          db.transaction(async (c) => {
            await c.query("INSERT INTO t VALUES ('gone', 'gone')");
            throw new Error('abort');
          }),
          /abort/,
        );
        const { rows } = await db.query('SELECT a, b FROM t ORDER BY a');
        assert.deepEqual(rows, [
          { a: 'x\ty', b: null },
          { a: 'z;q', b: '2' },
        ]);
      });
    });

    test('a read-only transaction refuses writes', async () => {
      await withFreshDatabase(backend, async (db) => {
        await db.exec('CREATE TABLE t (a int)');
        await assert.rejects(
          db.transaction((c) => c.query('INSERT INTO t VALUES (1)'), { readOnly: true }),
          /read-only/,
        );
      });
    });
  });
}

describe('cancelling a statement', () => {
  test('an aborted signal cancels the running statement on the server and rolls its transaction back', async () => {
    await withFreshDatabase(serverBackend, async (db) => {
      await db.exec('CREATE TABLE t (a int)');
      const controller = new AbortController();
      const running = db.transaction(
        async (c) => {
          await c.query('INSERT INTO t VALUES (1)');
          await c.query('SELECT pg_sleep(30)');
        },
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort(), 300);
      // 57014 is query_canceled: the sleep did not run out, it was stopped
      await assert.rejects(running, { code: '57014' });
      const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM t');
      assert.equal(rows[0]!.n, 0);
    });
  });
});
