import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { BottomLine, bottomLineHeight } from './bottom-line.js';

test('a long message wraps at words instead of being cut, no line starting with a space, and says how many lines it takes', () => {
  const text = 'Wrote 2,205 rows to /home/someone/exports/session-explorer-users-20261208-001443.csv';
  const message = { text };
  const { lastFrame } = render(<BottomLine prompt={undefined} message={message} width={40} onPromptClosed={() => {}} />);
  const lines = (lastFrame() ?? '').split('\n');
  assert.ok(lines.length > 1);
  assert.equal(lines.length, bottomLineHeight(undefined, message, 40));
  for (const line of lines) {
    assert.ok(line.length <= 40, line);
    assert.doesNotMatch(line, /^ /);
  }
  // the path is longer than a line: it is broken, not cut
  assert.equal(lines.join('').replace(/\s/g, ''), text.replace(/\s/g, ''), 'every character is there');
});

test('a prompt sent back with a problem keeps its text, with the error under it', () => {
  const prompt = { label: 'Period, from and to:', defaultValue: '2020-13-01', problem: 'There is no month 13 in 2020-13-01.', onSubmit() {} };
  const { lastFrame } = render(<BottomLine prompt={prompt} message={undefined} width={80} onPromptClosed={() => {}} />);
  assert.match(lastFrame() ?? '', /^Period, from and to: 2020-13-01 *\nError: There is no month 13 in 2020-13-01\.$/);
  assert.equal(bottomLineHeight(prompt, undefined, 80), 2);
});
