import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Database } from '../../src/db/database.js';
import { createSchema } from '../../src/etl/schema.js';
import { readHistory } from '../../src/ui/query-history.js';
import { Query } from '../../src/ui/screens/query.js';
import { backends, serverBackend, withFreshDatabase } from '../support/backends.js';
import { tempDir } from '../support/files.js';
import { keys, press, renderAt, typeText, waitForFrame, waitUntil } from '../support/ink.js';

function console(db: Database, env: NodeJS.ProcessEnv, size = { columns: 100, rows: 30 }, rowCap?: number) {
  let busy = false;
  const screen = renderAt(
    <Query db={db} env={env} isActive width={size.columns} height={size.rows - 2} rowCap={rowCap} onBack={() => {}} onBusy={(b) => (busy = b)} />,
    size,
  );
  return { screen, busy: () => busy };
}

async function run(screen: ReturnType<typeof renderAt>, sql: string): Promise<void> {
  await typeText(screen, sql);
  await press(screen, keys.enter);
}

for (const backend of backends) {
  describe(`the SQL console on the ${backend.name} database`, () => {
    test('\\dt lists the tables, \\d name their columns, and Tab completes a table or column name', async () => {
      await withFreshDatabase(backend, async (db) => {
        await createSchema(db);
        const { screen } = console(db, { SESSION_EXPLORER_STATE_DIR: tempDir() });
        await run(screen, '\\dt');
        const tables = await waitForFrame(screen, /tables and views; \\d name lists the columns of one/);
        assert.match(tables, /^ *mobile_events +table +anonymous_id, business_zoned/m);
        assert.match(tables, /^ *load_runs +table /m);

        await run(screen, '\\d MOBILE_EVENTS');
        const columns = await waitForFrame(screen, /table mobile_events: \d+ columns/);
        assert.match(columns, /^ *context_device_id +text *$/m);
        assert.match(columns, /^ *received_at +timestamp without time zone *$/m);

        await typeText(screen, 'select context_dev');
        await waitForFrame(screen, /^SQL> select context_device_id/m);
        await press(screen, keys.tab);
        await typeText(screen, ' from mobile_ev');
        await press(screen, keys.tab);
        await typeText(screen, ' where anonymous');
        await press(screen, keys.tab);
        await waitForFrame(screen, /^SQL> select context_device_id from mobile_events where anonymous_id/m);
        await typeText(screen, " = 'x'");
        await press(screen, keys.enter);
        await waitForFrame(screen, /0 rows in/);
        screen.unmount();
      });
    });

    test('columns by position, numbers exact and right-aligned; an error points at its place; \\w clears the prompt', async () => {
      await withFreshDatabase(backend, async (db) => {
        const env = { SESSION_EXPLORER_STATE_DIR: tempDir() };
        const { screen } = console(db, env);
        await run(screen, "SELECT 9007199254740993::bigint AS a, 12345678901234567890.123::numeric AS a, 'x' AS b");
        const frame = await waitForFrame(screen, /1 row in/);
        assert.match(frame, /a\s+a\s+b/);
        assert.match(frame, /9007199254740993\s+12345678901234567890\.123\s+x/);
        const lines = frame.split('\n');
        const headerAt = lines.findIndex((line) => /^\s+a\s+a\s+b/.test(line));
        const [header, values] = [lines[headerAt]!, lines[headerAt + 1]!];
        assert.equal(values.indexOf('9007199254740993') + '9007199254740993'.length, header.indexOf('a') + 1, 'a number ends under its header');

        await run(screen, 'SELECT * FORM sessions');
        const failed = await waitForFrame(screen, /Error: syntax error at or near "FORM"/);
        const errorLines = failed.split('\n');
        const excerpt = errorLines.findIndex((line) => line.startsWith('  SELECT * FORM sessions'));
        assert.equal(errorLines[excerpt + 1]!.indexOf('^'), errorLines[excerpt]!.indexOf('FORM'));

        await run(screen, '\\w');
        const writes = await waitForFrame(screen, /WRITES ALLOWED/);
        assert.match(writes, /^SQL> SELECT \.\.\./m, 'the prompt is empty again, its placeholder showing');
        screen.unmount();
      });
    });

    test('a long statement shows its time and is cancelled on the server with Esc', async () => {
      await withFreshDatabase(backend, async (db) => {
        const { screen, busy } = console(db, { SESSION_EXPLORER_STATE_DIR: tempDir() });
        await run(screen, 'SELECT pg_sleep(60)');
        await waitForFrame(screen, /Running \d.*\(Esc or Ctrl-C cancels it\)/);
        // the browser is told, so that Ctrl-C cancels instead of quitting
        await waitUntil(screen, busy, 'the console to say it is busy');
        await press(screen, keys.escape);
        await waitForFrame(screen, /Cancelled after/);
        await waitUntil(screen, () => !busy(), 'the console to say it is free');
        await run(screen, 'SELECT 41 + 1 AS answer');
        await waitForFrame(screen, /42/);
        screen.unmount();
      });
    });

    test('rows stream: the first page at once, more as the result scrolls, up to a cap that PgDn at the end raises', async () => {
      await withFreshDatabase(backend, async (db) => {
        // a cap of 500 rows instead of 10,000, so that the test reaches it in a few pages
        const { screen } = console(db, { SESSION_EXPLORER_STATE_DIR: tempDir() }, { columns: 100, rows: 30 }, 500);
        await run(screen, 'SELECT g FROM generate_series(1, 25000) g');
        await waitForFrame(screen, /first 200 rows in .*more as you scroll/);
        // held PgDn: the rows come as the window needs them, and stop at the cap
        screen.stdin.write(keys.pageDown.repeat(12));
        await waitForFrame(screen, /first 500 rows in .*; PgDn at the end fetches more/);
        await waitForFrame(screen, /rows [\d,]+-\d+ of 500\b/);
        while (!/rows [\d,]+-500 of 500/.test(screen.lastFrame() ?? '')) await press(screen, keys.pageDown);
        await press(screen, keys.pageDown);
        await waitForFrame(screen, /first 1,000 rows/);
        screen.unmount();
      });
    });
  });
}

test('the history is kept across runs', async () => {
  await withFreshDatabase(serverBackend, async (db) => {
    const env = { SESSION_EXPLORER_STATE_DIR: tempDir() };
    const first = console(db, env).screen;
    await run(first, 'SELECT 1 AS kept');
    await waitForFrame(first, /1 row in/);
    first.unmount();
    assert.deepEqual(readHistory(path.join(env.SESSION_EXPLORER_STATE_DIR, 'query-history')), ['SELECT 1 AS kept']);
    const second = console(db, env).screen;
    await waitForFrame(second, 'SQL>');
    await press(second, keys.up);
    await waitForFrame(second, /SQL> SELECT 1 AS kept/);
    second.unmount();
  });
});

test('as a superuser on a server, the mode line says read-only is a guard, not a permission system', async () => {
  await withFreshDatabase(serverBackend, async (db) => {
    const { screen } = console(db, { SESSION_EXPLORER_STATE_DIR: tempDir() }, { columns: 140, rows: 20 });
    await waitForFrame(screen, /read-only guards against mistakes here, not a permission system: you connect as a superuser/);
    screen.unmount();
  });
});
