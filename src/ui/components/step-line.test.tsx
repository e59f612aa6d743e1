import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { StepLine } from './step-line.js';
import { chooseTheme, ThemeContext } from '../theme.js';

test('a finished step shows its status word, time and result', () => {
  const { lastFrame } = render(
    <StepLine step={{ step: 'schema', title: 'Create tables', status: 'done', elapsedMs: 1500, detail: 'tables ready' }} width={100} />,
  );
  assert.equal(lastFrame(), '  done     schema     Create tables              1.5s  tables ready');
});

test('a running step spins and a pending one waits', () => {
  const running = render(<StepLine step={{ step: 'load', title: 'Load the CSV', status: 'running' }} width={100} />);
  assert.match(running.lastFrame() ?? '', /^\S running  load {7}Load the CSV/);
  running.unmount();
  const pending = render(<StepLine step={{ step: 'sessions', title: 'Build sessions', status: 'pending' }} width={100} />);
  assert.match(pending.lastFrame() ?? '', /^ {2}pending  sessions/);
});

test('a running step shows its time so far, and it keeps moving', async () => {
  const running = render(<StepLine step={{ step: 'sessions', title: 'Build sessions', status: 'running', startedAt: Date.now() - 3000 }} width={100} />);
  const first = /Build sessions +(\d+\.\d)s/.exec(running.lastFrame() ?? '');
  assert.ok(first, running.lastFrame());
  const deadline = Date.now() + 5000;
  let later = first;
  while (later[1] === first[1] && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    later = /Build sessions +(\d+\.\d)s/.exec(running.lastFrame() ?? '') ?? later;
  }
  assert.ok(Number(later[1]) > Number(first[1]), 'the clock moved without any event from the pipeline');
  running.unmount();
});

test('on a dumb terminal a cut line and the spinner are plain ASCII', () => {
  const ascii = chooseTheme({ env: { TERM: 'dumb' } });
  const { lastFrame, unmount } = render(
    <ThemeContext.Provider value={ascii}>
      <StepLine step={{ step: 'load', title: 'Load the CSV', status: 'running', startedAt: Date.now(), detail: 'x'.repeat(200) }} width={60} />
    </ThemeContext.Provider>,
  );
  assert.match(lastFrame() ?? '', /^[\x20-\x7e]+$/);
  assert.match(lastFrame() ?? '', /~$/);
  unmount();
});
