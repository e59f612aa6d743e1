import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import type { LoadSummary, PipelineEvent } from '../../etl/events.js';
import { EtlScreen } from './etl.js';
import { keys, press, tick, waitForFrame } from '../../../test/support/ink.js';

const steps = [
  { name: 'schema', title: 'Create tables' },
  { name: 'load', title: 'Load the CSV' },
] as const;

const summary: LoadSummary = {
  runId: 1,
  file: 'f.csv',
  read: 10,
  inserted: 8,
  duplicates: 1,
  rejected: 1,
  rejectsFile: 'logs/r.csv',
  elapsedMs: 900,
  resumedRunId: null,
};

/** A pipeline the test drives event by event; the screen cannot tell it from the real one. */
function scriptedPipeline() {
  let emit: (event: PipelineEvent) => void = () => {};
  let finish: (value: { load: LoadSummary }) => void = () => {};
  let fail: (error: Error) => void = () => {};
  let signal: AbortSignal | undefined;
  const run = (options: { signal: AbortSignal; onEvent(event: PipelineEvent): void }) => {
    emit = options.onEvent;
    signal = options.signal;
    return new Promise<{ load: LoadSummary }>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { run, emit: (e: PipelineEvent) => emit(e), finish: (v: { load: LoadSummary }) => finish(v), fail: (e: Error) => fail(e), signal: () => signal };
}

test('steps run in order with live progress, then the summary and Enter to browse', async () => {
  const pipeline = scriptedPipeline();
  let browsed = 0;
  const screen = render(<EtlScreen file="f.csv" steps={steps} run={pipeline.run} onBrowse={() => browsed++} onQuit={() => {}} />);
  await tick();
  assert.match(screen.lastFrame() ?? '', /pending +schema/);
  pipeline.emit({ type: 'step-start', step: 'schema', title: 'Create tables' });
  pipeline.emit({ type: 'step-done', step: 'schema', elapsedMs: 100, detail: 'tables ready' });
  pipeline.emit({ type: 'step-start', step: 'load', title: 'Load the CSV' });
  pipeline.emit({ type: 'load-progress', progress: { read: 5, inserted: 4, duplicates: 1, rejected: 0, bytesRead: 50, totalBytes: 100, elapsedMs: 1000 } });
  const loading = await waitForFrame(screen, /running +load/);
  assert.match(loading, /5 rows read \(50%\), ETA 1\.0s, 5 rows\/s, 50 B of 100 B/);
  assert.match(loading, /4 new, 1 duplicates, 0 rejected/);
  assert.match(screen.frames.join('\n'), /done +schema +Create tables +100ms +tables ready/);
  // keys are read in order: once Q's question shows, the Enter before it has been read, and ignored
  screen.stdin.write(keys.enter + 'Q');
  await waitForFrame(screen, /Stop the load and quit\?/);
  assert.equal(browsed, 0, 'Enter does nothing while the load runs');
  await press(screen, 'n');

  pipeline.emit({ type: 'step-done', step: 'load', elapsedMs: 1200, detail: '10 read' });
  pipeline.finish({ load: summary });
  const done = await waitForFrame(screen, /Enter: browse/);
  assert.match(done, /Read 10 rows = 8 new \+ 1 duplicates \+ 1 rejected/);
  assert.match(done, /logs\/r\.csv/);
  await press(screen, keys.enter);
  assert.equal(browsed, 1);
  screen.unmount();
});

test('Q asks first; Ctrl-C stops the load through its signal at once, and quits once it has stopped', async () => {
  const pipeline = scriptedPipeline();
  const quits: unknown[] = [];
  const screen = render(<EtlScreen file="f.csv" steps={steps} run={pipeline.run} onBrowse={() => {}} onQuit={(stopped) => quits.push(stopped)} />);
  await tick();
  pipeline.emit({ type: 'step-start', step: 'load', title: 'Load the CSV' });
  await press(screen, 'Q');
  assert.match(screen.lastFrame() ?? '', /Stop the load and quit\?/);
  await press(screen, 'n');
  assert.equal(pipeline.signal()?.aborted, false);
  await press(screen, keys.ctrlC);
  assert.equal(pipeline.signal()?.aborted, true);
  assert.match(screen.lastFrame() ?? '', /Stopping: the batch in flight is being committed/);
  assert.equal(quits.length, 0, 'waits for the loader to commit its batch');
  const interrupted = new Error('Load interrupted after line 25000');
  pipeline.fail(interrupted);
  await tick();
  assert.deepEqual(quits, [{ error: interrupted, result: undefined }]);
  screen.unmount();
});

test('a stop during a later step says that step is being cancelled on the server', async () => {
  const pipeline = scriptedPipeline();
  const screen = render(<EtlScreen file="f.csv" steps={[...steps, { name: 'sessions', title: 'Build sessions' }]} run={pipeline.run} onBrowse={() => {}} onQuit={() => {}} />);
  await tick();
  pipeline.emit({ type: 'step-start', step: 'sessions', title: 'Build sessions' });
  await press(screen, keys.ctrlC);
  assert.match(screen.lastFrame() ?? '', /Stopping: "Build sessions" is being cancelled on the server/);
  screen.unmount();
});

test('a failed step shows its error and still lets the user browse or quit', async () => {
  const pipeline = scriptedPipeline();
  let quit = 0;
  const screen = render(<EtlScreen file="f.csv" steps={steps} run={pipeline.run} onBrowse={() => {}} onQuit={() => quit++} />);
  await tick();
  pipeline.emit({ type: 'step-start', step: 'schema', title: 'Create tables' });
  pipeline.emit({ type: 'step-failed', step: 'schema', elapsedMs: 5, error: 'permission denied for schema public' });
  pipeline.fail(new Error('permission denied for schema public'));
  const frame = await waitForFrame(screen, /Error: permission denied/);
  assert.match(frame, /Enter: browse what is loaded/);
  await press(screen, 'Q');
  assert.equal(quit, 1);
  screen.unmount();
});
