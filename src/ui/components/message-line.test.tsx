import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { MessageLine } from './message-line.js';

test('an error is marked by a word, a notice is not', () => {
  assert.equal(render(<MessageLine message={{ text: 'No user "x".', isError: true }} width={80} />).lastFrame(), 'Error: No user "x".');
  assert.equal(render(<MessageLine message={{ text: 'Exported 3 users to /tmp/u.csv' }} width={80} />).lastFrame(), 'Exported 3 users to /tmp/u.csv');
});
