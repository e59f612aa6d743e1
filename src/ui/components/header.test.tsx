import { test } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { render } from 'ink-testing-library';
import { Header } from './header.js';

test('shows the trail and brackets the current tab', () => {
  const { lastFrame } = render(<Header trail={['Users', 'user abc']} tab="stats" />);
  const frame = lastFrame() ?? '';
  assert.match(frame, /^session-explorer {2}Users > user abc/);
  assert.match(frame, / Users {2}\[Stats\] {2}Query {2}\(Tab\)$/);
});
