import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { SqlError } from './sql-error.js';

test('a caret under the place the server points at', () => {
  const { lastFrame } = render(<SqlError sql="SELECT * FORM sessions" message='syntax error at or near "FORM"' position={10} width={80} />);
  assert.equal(lastFrame(), 'Error: syntax error at or near "FORM"\n  SELECT * FORM sessions\n           ^');
});

test('a long statement is shown around the place', () => {
  const sql = `SELECT ${'a, '.repeat(60)}b FROM nowhere`;
  const { lastFrame } = render(<SqlError sql={sql} message='relation "nowhere" does not exist' position={sql.indexOf('nowhere') + 1} width={40} />);
  const [, excerpt, caret] = (lastFrame() ?? '').split('\n');
  assert.equal(excerpt!.charAt(caret!.indexOf('^')), 'n');
  assert.ok(excerpt!.includes('nowhere'));
});
