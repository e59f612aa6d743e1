import { test } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { render } from 'ink-testing-library';
import { StepLine } from './step-line.js';

test('a finished step shows its status word, time and result', () => {
  const { lastFrame } = render(
    <StepLine step={{ step: 'schema', title: 'Create tables', status: 'done', elapsedMs: 1500, detail: 'tables ready' }} />,
  );
  assert.equal(lastFrame(), '  done     schema     Create tables              1.5s  tables ready');
});

test('a running step spins and a pending one waits', () => {
  const running = render(<StepLine step={{ step: 'load', title: 'Load the CSV', status: 'running' }} />);
  assert.match(running.lastFrame() ?? '', /^\S running  load {7}Load the CSV/);
  running.unmount();
  const pending = render(<StepLine step={{ step: 'sessions', title: 'Build sessions', status: 'pending' }} />);
  assert.match(pending.lastFrame() ?? '', /^ {2}pending  sessions/);
});
