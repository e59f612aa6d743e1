import { test } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { render } from 'ink-testing-library';
import { Footer } from './footer.js';

test('shows the status line above the key hints', () => {
  const { lastFrame } = render(<Footer status="rows 1-20 of 300" hints="? help" />);
  assert.deepEqual(lastFrame()?.split('\n'), ['rows 1-20 of 300', '? help']);
});

test('leaves out a missing status', () => {
  const { lastFrame } = render(<Footer hints="? help" />);
  assert.equal(lastFrame(), '? help');
});
