import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEvent, initialPipelineView } from './use-pipeline.js';

test('steps go from pending to running to done or failed, keeping their times', () => {
  let view = initialPipelineView([
    { name: 'schema', title: 'Create tables' },
    { name: 'load', title: 'Load the CSV' },
  ]);
  assert.deepEqual(view.steps.map((s) => s.status), ['pending', 'pending']);
  view = applyEvent(view, { type: 'step-start', step: 'schema', title: 'Create tables' });
  view = applyEvent(view, { type: 'step-done', step: 'schema', elapsedMs: 12, detail: 'tables ready' });
  view = applyEvent(view, { type: 'step-start', step: 'load', title: 'Load the CSV' }, 1000);
  assert.equal(view.steps[1]!.startedAt, 1000, 'a running step knows when it started, for its clock');
  view = applyEvent(view, { type: 'step-progress', step: 'load', progress: { activity: 'reading' } });
  assert.deepEqual(view.steps[1]!.progress, { activity: 'reading' });
  const progress = { read: 5, inserted: 4, duplicates: 1, rejected: 0, bytesRead: 10, totalBytes: 20, elapsedMs: 3 };
  view = applyEvent(view, { type: 'load-progress', progress });
  view = applyEvent(view, { type: 'step-failed', step: 'load', elapsedMs: 40, error: 'disk full' });
  assert.deepEqual(view.steps, [
    { step: 'schema', title: 'Create tables', status: 'done', elapsedMs: 12, detail: 'tables ready' },
    { step: 'load', title: 'Load the CSV', status: 'failed', elapsedMs: 40, detail: 'disk full' },
  ]);
  assert.deepEqual(view.progress, progress);
});
