import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stdioCopyOf } from './stdio-copy.js';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

test('a COPY through the client is found by its grammar, whatever surrounds its words', () => {
  const next = random(7);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const gaps = [' ', '\n\t ', ' /* from stdin */ ', ' -- to stdout\n', ' /* a /* nested */ to stdout */ '];
  const tables = ['t', '"from"', '"to stdout"', 'public."we""ird"', 's.t', '"FROM STDIN"'];
  const columns = ['', ' (a, "from")', ' ("to", b)'];
  const queries = ["(SELECT 'from stdin' FROM t)", '(SELECT $$ to stdout $$ AS x, (SELECT 1 FROM y) FROM z)', '(VALUES (1))'];
  const caseOf = (word: string) => (next() < 0.5 ? word.toUpperCase() : word.toLowerCase());
  for (let i = 0; i < 500; i++) {
    const g = () => pick(gaps);
    const client = pick(['stdin', 'stdout']);
    const options = pick(['', ' (FORMAT csv)', ' WITH (FORMAT csv, HEADER)', " DELIMITER ';'"]);
    const fromTable = (target: string) => `${g()}${caseOf('copy')}${g()}${pick(tables)}${pick(columns)}${g()}${caseOf('from')}${g()}${target}${options}`;
    const toQuery = (target: string) => `${caseOf('copy')}${g()}${pick(queries)}${g()}${caseOf('to')}${g()}${target}${options}`;
    const inward = fromTable(caseOf(client));
    const outward = toQuery(caseOf(client));
    assert.equal(stdioCopyOf(inward), 'in', inward);
    assert.equal(stdioCopyOf(outward), 'out', outward);
    // the same statements with the server's own file or program stay on the server
    const file = pick(["'/tmp/x'", "PROGRAM 'cat'", "E'/tmp/y'"]);
    assert.equal(stdioCopyOf(fromTable(file)), undefined);
    assert.equal(stdioCopyOf(toQuery(file)), undefined);
  }
  for (const other of ['SELECT 1', "SELECT 'copy t to stdout'", '-- copy t to stdout\nSELECT 1', 'copyx t to stdout', 'WITH c AS (SELECT 1) SELECT * FROM c', '']) {
    assert.equal(stdioCopyOf(other), undefined, other);
  }
});
