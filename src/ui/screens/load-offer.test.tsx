import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { LoadOffer } from './load-offer.js';
import { keys, press, typeText, waitForFrame } from '../../../test/support/ink.js';
import { tempDir } from '../../../test/support/files.js';

function setup(contents: 'sessions' | 'events' | 'empty', unfinished?: (cwd: string) => { file: string; committedLine: number }) {
  const cwd = tempDir('se-offer-');
  fs.mkdirSync(path.join(cwd, 'data'));
  fs.writeFileSync(path.join(cwd, 'data', 'mine.csv'), 'x');
  const sampleFile = path.join(cwd, 'sample.csv.gz');
  const calls: string[] = [];
  const screen = render(
    <LoadOffer
      sampleFile={sampleFile}
      cwd={cwd}
      contents={contents}
      {...(unfinished ? { unfinished: unfinished(cwd) } : {})}
      notices={['Saved the profile to x.']}
      onLoad={(file) => calls.push(`load ${file}`)}
      onBrowse={() => calls.push('browse')}
      onQuit={() => calls.push('quit')}
    />,
  );
  return { screen, calls, cwd, sampleFile };
}

test('on an empty database Enter loads the sample', async () => {
  const { screen, calls, sampleFile } = setup('empty');
  const frame = await waitForFrame(screen, 'The database is empty');
  assert.match(frame, /Saved the profile to x\./);
  assert.match(frame, /> Load the sample: sample\.csv\.gz/);
  await press(screen, keys.enter);
  assert.deepEqual(calls, [`load ${sampleFile}`]);
  screen.unmount();
});

test('Tab takes a completion, Enter on a folder or a missing file says so, and a good file loads', async () => {
  const { screen, calls, cwd } = setup('sessions');
  await waitForFrame(screen, '> Browse the events already loaded');
  await press(screen, 'j', 'j');
  await waitForFrame(screen, '> Load a file of my own');
  await press(screen, keys.enter);
  await waitForFrame(screen, 'File:');
  await typeText(screen, 'data/nope.csv');
  await press(screen, keys.enter);
  await waitForFrame(screen, `Error: File not found: ${path.join(cwd, 'data', 'nope.csv')}`);
  screen.stdin.write(keys.backspace.repeat('nope.csv'.length));
  await waitForFrame(screen, /File: data\/mine\.csv$/m); // data/ and the completion on offer
  await press(screen, keys.enter);
  await waitForFrame(screen, `Error: ${path.join(cwd, 'data')} is a folder: type the name of a file in it (Tab completes).`);
  await press(screen, keys.tab, keys.enter);
  assert.deepEqual(calls, [`load ${path.join(cwd, 'data', 'mine.csv')}`]);
  screen.unmount();
});

test('after an interrupted load, finishing it comes first and Enter does it; browsing comes second', async () => {
  const { screen, calls, cwd } = setup('events', (cwd) => ({ file: path.join(cwd, 'data', 'mine.csv'), committedLine: 125_001 }));
  const frame = await waitForFrame(screen, 'stopped after line 125,001');
  assert.match(frame, /> Finish loading data\/mine\.csv \(125,001 lines done\)\n {2}Browse what is already loaded/);
  await press(screen, keys.enter);
  assert.deepEqual(calls, [`load ${path.join(cwd, 'data', 'mine.csv')}`]);
  screen.unmount();
});

test('a stopped load whose file is gone is not offered: the menu says why, and nothing loads another file by default', async () => {
  const { screen, calls } = setup('sessions', (cwd) => ({ file: path.join(cwd, 'gone.csv'), committedLine: 10 }));
  const frame = await waitForFrame(screen, 'cannot be read again');
  assert.doesNotMatch(frame, /Finish loading/);
  assert.match(frame, /> Browse what is already loaded/);
  await press(screen, keys.enter);
  assert.deepEqual(calls, ['browse']);
  screen.unmount();
});

test('events whose sessions were never built: browsing them (building the sessions first) is the default', async () => {
  const { screen } = setup('events');
  const frame = await waitForFrame(screen, 'their sessions are not built yet');
  assert.match(frame, /> Browse what is already loaded/);
  screen.unmount();
});
