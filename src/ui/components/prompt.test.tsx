import { test } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { render } from 'ink-testing-library';
import { Prompt } from './prompt.js';
import { keys, press, tick } from '../../../test/support/ink.js';

test('typed text is submitted with Enter', async () => {
  const submitted: string[] = [];
  const prompt = render(<Prompt label="Filter:" onSubmit={(v) => submitted.push(v)} onCancel={() => {}} />);
  await tick();
  await press(prompt, 'ab', 'c', keys.backspace, keys.enter);
  assert.match(prompt.lastFrame() ?? '', /^Filter: ab/);
  assert.deepEqual(submitted, ['ab']);
});

test('Esc cancels', async () => {
  let cancelled = 0;
  const prompt = render(<Prompt label="User id:" onSubmit={() => {}} onCancel={() => cancelled++} />);
  await tick();
  await press(prompt, 'x', keys.escape);
  assert.equal(cancelled, 1);
});

test('a masked prompt never shows what is typed', async () => {
  const submitted: string[] = [];
  const prompt = render(<Prompt label="Password:" masked onSubmit={(v) => submitted.push(v)} onCancel={() => {}} />);
  await tick();
  await press(prompt, 's3cret');
  assert.doesNotMatch(prompt.lastFrame() ?? '', /s3cret/);
  assert.match(prompt.lastFrame() ?? '', /\*{6}/);
  await press(prompt, keys.enter);
  assert.deepEqual(submitted, ['s3cret']);
});
