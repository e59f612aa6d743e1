import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { Confirm } from './confirm.js';
import { keys, press, waitForFrame } from '../../../test/support/ink.js';

for (const [key, expected] of [
  ['y', true],
  [keys.ctrlC, true],
  ['n', false],
  [keys.enter, false],
] as const) {
  test(`answers ${expected} to ${JSON.stringify(key)}`, async () => {
    const answers: boolean[] = [];
    const confirm = render(<Confirm question="Stop the load?" onAnswer={(yes) => answers.push(yes)} />);
    assert.equal(await waitForFrame(confirm, 'Stop the load?'), 'Stop the load? (y/N)');
    await press(confirm, key);
    assert.deepEqual(answers, [expected]);
  });
}
