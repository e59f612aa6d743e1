import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './support/backends.js';
import { runCli } from './support/cli.js';
import { csv, eventLine, tempDir } from './support/files.js';

const dir = tempDir();

/** The CLI with `input` on its standard input. */
for (const backend of backends) {
  describe(`load - and rejects on the ${backend.name} backend`, () => {
    test('standard input loads; `rejects` lists the last run, or any run, as a table, JSON or CSV', async () => {
      const fresh = await backend.create();
      try {
        const env = { SESSION_EXPLORER_LOG_DIR: dir };
        const input = csv([eventLine(1), 'only;three;fields', eventLine(2), `${eventLine(3)};extra`]);
        const loaded = await runCli(['load', '-', '--db', fresh.url, '--json'], env, input);
        assert.equal(loaded.code, 0, loaded.stderr);
        assert.match(loaded.stderr, /^Reading a stream: .* cannot resume/);
        const summary = JSON.parse(loaded.stdout) as { read: number; inserted: number; rejected: number; file: string; runId: number };
        assert.deepEqual([summary.read, summary.inserted, summary.rejected, summary.file], [4, 2, 2, 'standard input']);

        const json = await runCli(['rejects', '--db', fresh.url, '--json'], env);
        assert.equal(json.code, 0, json.stderr);
        assert.deepEqual(JSON.parse(json.stdout), [
          { line: 3, reason: 'expected 8 fields, found 3', raw: 'only;three;fields' },
          { line: 5, reason: 'expected 8 fields, found 9', raw: `${eventLine(3)};extra` },
        ]);
        const asCsv = await runCli(['rejects', '--db', fresh.url, '--csv', '--run', String(summary.runId)], env);
        assert.equal(asCsv.stdout, `line;reason;raw\n3;expected 8 fields, found 3;only;three;fields\n`.replace('only;three;fields\n', '"only;three;fields"\n') +
          `5;expected 8 fields, found 9;"${eventLine(3)};extra"\n`);
        const table = await runCli(['rejects', '--db', fresh.url], env);
        assert.match(table.stdout, /^line  reason/);
        assert.match(table.stdout, /Run \d+ \(done\) of standard input: 2 rejected rows\.\n$/);
        const unknown = await runCli(['rejects', '--db', fresh.url, '--run', '99'], env);
        assert.deepEqual([unknown.code, unknown.stderr.trim()], [1, 'session-explorer: There is no load run 99 on this database.']);
      } finally {
        await fresh.drop();
      }
    });
  });
}
