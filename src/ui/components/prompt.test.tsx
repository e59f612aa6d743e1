import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type ComponentProps } from 'react';
import { render } from 'ink-testing-library';
import { Prompt } from './prompt.js';
import { keys, press, waitForFrame, waitUntil } from '../../../test/support/ink.js';

function mount(props: Partial<ComponentProps<typeof Prompt>> = {}) {
  const submitted: string[] = [];
  let cancelled = 0;
  const prompt = render(
    <Prompt label="Filter:" width={40} onSubmit={(v) => submitted.push(v)} onCancel={() => cancelled++} {...props} />,
  );
  return { prompt, submitted, cancelled: () => cancelled };
}

test('typed text is submitted with Enter', async () => {
  const { prompt, submitted } = mount();
  await waitForFrame(prompt, 'Filter:');
  await press(prompt, 'a', 'b', 'c', keys.backspace, keys.enter);
  assert.deepEqual(submitted, ['ab']);
});

test('a burst of sixty Backspaces in one read deletes sixty characters, then x and Enter submit "x"', async () => {
  const { prompt, submitted } = mount({ defaultValue: 'y'.repeat(70) });
  await waitForFrame(prompt, 'Filter:');
  prompt.stdin.write(keys.backspace.repeat(60));
  await waitForFrame(prompt, /Filter: y{10}$/);
  await press(prompt, 'x', keys.enter);
  assert.deepEqual(submitted, [`${'y'.repeat(10)}x`]);
});

test('a pasted id with its line end is typed and submitted in one read', async () => {
  for (const ending of ['\r', '\n', '\r\n']) {
    const { prompt, submitted } = mount();
    await waitForFrame(prompt, 'Filter:');
    prompt.stdin.write(`8d6d63aa-f015${ending}`);
    await waitUntil(prompt, () => submitted.length > 0, 'the submit');
    assert.deepEqual(submitted, ['8d6d63aa-f015'], JSON.stringify(ending));
    prompt.unmount();
  }
});

test('control characters never reach the text, whatever arrives with them', async () => {
  const { prompt, submitted } = mount();
  await waitForFrame(prompt, 'Filter:');
  prompt.stdin.write('a\u0000b\u0007c\u000Ed\u0085\u009Be\u001B[15~f\r');
  await waitUntil(prompt, () => submitted.length > 0, 'the submit');
  assert.deepEqual(submitted, ['abcdef']);
});

test('readline editing: Ctrl-A/E/U/K/W, Home/End and word moves', async () => {
  const { prompt, submitted } = mount();
  await waitForFrame(prompt, 'Filter:');
  prompt.stdin.write('select count from sessions');
  await waitForFrame(prompt, 'select count from sessions');
  // Alt-b twice: before "from"; Ctrl-K cuts to the end; Ctrl-A, Alt-f, then type
  prompt.stdin.write('\u001Bb\u001Bb\u000B\u0001\u001Bf(*)');
  await waitForFrame(prompt, /select\(\*\) count$/);
  prompt.stdin.write(`${keys.end}x\u0017${keys.home}\u001B[1;5C!\u0005?\r`);
  await waitUntil(prompt, () => submitted.length > 0, 'the submit');
  assert.deepEqual(submitted, ['select!(*) count ?']);
  prompt.stdin.write('\u0015');
});

test('a 3 KB id scrolls inside the field and is submitted whole', async () => {
  const id = `${'a'.repeat(3000)}-END`;
  const { prompt, submitted } = mount();
  await waitForFrame(prompt, 'Filter:');
  prompt.stdin.write(id);
  const frame = await waitForFrame(prompt, '-END');
  assert.equal(frame.split('\n').length, 1, 'one line, however long the text');
  assert.ok(frame.length <= 40, `at most the field's width: ${frame.length}`);
  await press(prompt, keys.enter);
  assert.deepEqual(submitted, [id]);
});

test('Tab takes the completion on offer; Enter submits what is typed', async () => {
  const { prompt, submitted } = mount({ width: 60, suggestions: ['local_files/', 'local_files/mobile_events_2020.csv.gz'] });
  await waitForFrame(prompt, 'Filter:');
  prompt.stdin.write('local_files/m');
  await waitForFrame(prompt, 'local_files/mobile_events_2020.csv.gz');
  await press(prompt, keys.enter);
  await press(prompt, keys.tab, keys.enter);
  assert.deepEqual(submitted, ['local_files/m', 'local_files/mobile_events_2020.csv.gz']);
});

test('Esc cancels', async () => {
  const { prompt, cancelled } = mount();
  await waitForFrame(prompt, 'Filter:');
  await press(prompt, 'x', keys.escape);
  assert.equal(cancelled(), 1);
});

test('a masked prompt never shows what is typed', async () => {
  const { prompt, submitted } = mount({ label: 'Password:', masked: true });
  await waitForFrame(prompt, 'Password:');
  prompt.stdin.write('s3cret');
  const frame = await waitForFrame(prompt, '******');
  assert.doesNotMatch(frame, /s3cret/);
  await press(prompt, keys.enter);
  assert.deepEqual(submitted, ['s3cret']);
});
