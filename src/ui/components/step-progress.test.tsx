import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { StepProgressView } from './step-progress.js';

test('a step that knows how far it is shows a bar and its counts', () => {
  const { lastFrame } = render(<StepProgressView progress={{ activity: 'rebuilding sessions', done: 1200, total: 2400, unit: 'keys' }} width={60} />);
  assert.match(lastFrame() ?? '', /50%\n\s*rebuilding sessions: 1,200 of 2,400 keys$/);
});

test('a step that cannot know says what it is doing', () => {
  const { lastFrame } = render(<StepProgressView progress={{ activity: 'analyzing mobile_events' }} width={30} />);
  assert.equal(lastFrame(), '  analyzing mobile_events...');
});
