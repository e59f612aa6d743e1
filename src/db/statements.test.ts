import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { splitStatements } from './statements.js';
import { projectRoot } from '../config/paths.js';

test('splits on semicolons outside quotes, dollar quotes and comments, and drops comment-only pieces', () => {
  const script = [
    "-- a comment; with a semicolon",
    "CREATE TABLE t (a text DEFAULT 'x;y', \"b;c\" int);",
    "/* block; comment */ INSERT INTO t VALUES ('it''s; fine', 1);",
    'DO $$ BEGIN PERFORM 1; END $$;',
    'DO $body$ BEGIN RAISE NOTICE $$;$$; END $body$',
    '-- trailing comment only',
  ].join('\n');
  assert.deepEqual(splitStatements(script), [
    "-- a comment; with a semicolon\nCREATE TABLE t (a text DEFAULT 'x;y', \"b;c\" int)",
    "/* block; comment */ INSERT INTO t VALUES ('it''s; fine', 1)",
    'DO $$ BEGIN PERFORM 1; END $$',
    'DO $body$ BEGIN RAISE NOTICE $$;$$; END $body$\n-- trailing comment only',
  ]);
  assert.deepEqual(splitStatements('SELECT 1;\n-- only a comment after the last one;\n'), ['SELECT 1']);
});

test('a parameter like $1 is no dollar quote', () => {
  assert.deepEqual(splitStatements('SELECT $1::int; SELECT $2'), ['SELECT $1::int', 'SELECT $2']);
});

test("every sql/ file splits into statements that each end where the file's own semicolons are", () => {
  const dir = path.join(projectRoot, 'sql');
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
    const script = fs.readFileSync(path.join(dir, name), 'utf8');
    const statements = splitStatements(script);
    assert.ok(statements.length >= 1, name);
    // joined back, they hold every character of the file but the separators and whitespace around them
    const squash = (s: string) => s.replace(/[\s;]/g, '');
    assert.equal(squash(statements.join('')), squash(script), name);
  }
});
