import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { Waiting } from './waiting.js';

test('a wait says what is being done, its clock once past half a second, and how to cancel it', () => {
  const short = render(<Waiting what="Building the sessions" startedAt={Date.now()} cancel="Esc cancels it." />);
  assert.match(short.lastFrame() ?? '', /Building the sessions\.\.\.\n/);
  assert.doesNotMatch(short.lastFrame() ?? '', /\d+(\.\d)?s/);
  short.unmount();
  const long = render(<Waiting what="Building the sessions" startedAt={Date.now() - 12_300} cancel="Esc cancels it." />);
  assert.match(long.lastFrame() ?? '', /Building the sessions\.\.\. 12\.3s\nEsc cancels it\./);
  long.unmount();
});
