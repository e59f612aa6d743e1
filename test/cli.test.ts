import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { csv, eventLine, tempDir, writeFile } from './support/files.js';

const dir = tempDir();
const env = { SESSION_EXPLORER_LOG_DIR: dir, SESSION_EXPLORER_CONFIG: path.join(dir, 'config.json') };

describe('the command line', () => {
  test('--help lists the commands; --version prints the version', async () => {
    const help = await runCli(['--help'], env);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Commands\n(.|\n)*\bload\b(.|\n)*\bgenerate\b/);
    const version = await runCli(['--version'], env);
    assert.equal(version.code, 0);
    assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
  });

  test('usage errors exit 2 with one line on stderr', async () => {
    for (const args of [['frobnicate'], ['load'], ['load', 'a.csv', '--no-such-flag'], ['load', 'a.csv', '--gap', '0']]) {
      const result = await runCli(args, env);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.equal(result.stdout, '');
    }
  });

  test('a fatal error exits 1 with one clear line and no stack trace', async () => {
    const result = await runCli(['load', path.join(dir, 'missing.csv'), '--db', path.join(dir, 'db')], env);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, `session-explorer: File not found: ${path.join(dir, 'missing.csv')}.\n`);
  });

  test('load --json prints one JSON object and nothing else on stdout; progress goes to stderr', async () => {
    const file = writeFile(dir, 'small.csv', csv([...Array.from({ length: 40 }, (_, i) => eventLine(i)), 'bad;row', eventLine(0)]));
    const result = await runCli(['load', file, '--db', path.join(dir, 'db'), '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout);
    assert.deepEqual(
      { read: summary.read, inserted: summary.inserted, duplicates: summary.duplicates, rejected: summary.rejected },
      { read: 42, inserted: 40, duplicates: 1, rejected: 1 },
    );
    assert.equal(typeof summary.elapsedMs, 'number');
    assert.match(summary.rejectsFile, /small\.db-[0-9a-f]{8}\.run-1\.rejects\.csv$/);
    assert.match(result.stderr, /^schema: /m);
    assert.match(result.stderr, /^sessions: done/m);

    const human = await runCli(['load', file, '--db', path.join(dir, 'db')], env);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /read 42 = 0 new \+ 41 duplicate \+ 1 rejected/);
  });
});

describe('a --db folder that holds no database', () => {
  test('is refused by the lookups in one sentence, and nothing is created', async () => {
    const typo = path.join(dir, 'typo-db');
    for (const command of [['stats'], ['users'], ['query', 'SELECT 1']]) {
      const result = await runCli([...command, '--db', typo], env);
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stderr, `session-explorer: There is no embedded database in ${typo}; load a file into it first, or check the folder's name.\n`);
    }
    assert.equal(fs.existsSync(typo), false);
  });
});
