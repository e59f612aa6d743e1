import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useState } from 'react';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { Prompt } from '../components/prompt.js';
import { useKeys } from './use-keys.js';
import { waitForFrame, waitUntil } from '../../../test/support/ink.js';

/** A cursor over rows 0-99 that j moves and Enter opens; `/` opens a prompt whose text is logged. */
function List({ onOpen, onTyped }: { onOpen(row: number): void; onTyped(text: string): void }) {
  const [row, setRow] = useState(0);
  const [asking, setAsking] = useState(false);
  useKeys((key) => {
    if (key.text === 'j') setRow((r) => r + 1);
    else if (key.name === 'return') onOpen(row);
    else if (key.text === '/') setAsking(true);
  }, !asking);
  return (
    <>
      <Text>row {row}</Text>
      {asking ? (
        <Prompt
          label="Find:"
          width={40}
          onSubmit={(text) => {
            setAsking(false);
            onTyped(text);
          }}
          onCancel={() => setAsking(false)}
        />
      ) : null}
    </>
  );
}

function mount() {
  const opened: number[] = [];
  const typed: string[] = [];
  const list = render(<List onOpen={(r) => opened.push(r)} onTyped={(t) => typed.push(t)} />);
  return { list, opened, typed };
}

test('ten j in one read move ten rows', async () => {
  const { list } = mount();
  await waitForFrame(list, 'row 0');
  list.stdin.write('jjjjjjjjjj');
  await waitForFrame(list, 'row 10');
  list.stdin.write('jjjjjjjjjj');
  await waitForFrame(list, 'row 20');
});

test('each key meets the screen the keys before it made: j j j Enter opens row 3', async () => {
  const { list, opened } = mount();
  await waitForFrame(list, 'row 0');
  list.stdin.write('jjj\r');
  await waitUntil(list, () => opened.length > 0, 'a row to open');
  assert.deepEqual(opened, [3]);
});

test('keys after an Enter that closes a prompt go to the screen behind it', async () => {
  const { list, opened, typed } = mount();
  await waitForFrame(list, 'row 0');
  list.stdin.write('/ride\rjj\r');
  await waitUntil(list, () => opened.length > 0, 'a row to open');
  assert.deepEqual(typed, ['ride']);
  assert.deepEqual(opened, [2]);
});

test('a key read while a prompt closes reaches the screen behind it, even an Esc still being parsed', async () => {
  const backs: number[] = [];
  let stdin: { write(data: string): void } | undefined;
  /** A screen whose prompt, on Esc, has the terminal deliver a second Esc right as the prompt goes away. */
  function Screen() {
    const [asking, setAsking] = useState(true);
    useKeys((key) => {
      if (key.name === 'escape') backs.push(backs.length);
    }, !asking);
    return asking ? (
      <Prompt
        label="Find:"
        width={40}
        onSubmit={() => {}}
        onCancel={() => {
          setAsking(false);
          // After React has queued its render, before Ink has parsed the lone Esc (it waits for a sequence).
          queueMicrotask(() => stdin!.write('\u001B'));
        }}
      />
    ) : (
      <Text>list</Text>
    );
  }
  const screen = render(<Screen />);
  stdin = screen.stdin;
  await waitForFrame(screen, 'Find:');
  screen.stdin.write('\u001B');
  await waitUntil(screen, () => backs.length > 0, 'the second Esc on the list');
  assert.deepEqual(backs, [0]);
});
