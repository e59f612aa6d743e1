import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderAt } from '../../../test/support/ink.js';
import { Header } from './header.js';
import { widthOf } from '../text-width.js';

test('shows the trail, the database and the tabs, the current one bracketed', () => {
  const { lastFrame } = renderAt(<Header trail={['Users', 'user abc']} tab="stats" database="postgresql://postgres@db:5432/events" width={120} />, { columns: 120, rows: 5 });
  const frame = lastFrame() ?? '';
  assert.match(frame, /^session-explorer {2}Users > user abc +postgresql:\/\/postgres@db:5432\/events {2} Users {2}\[Stats\] {2}Query {2}\(Tab\)$/);
  assert.equal(widthOf(frame), 120);
});

test('one line at any width: the database gives way first, keeping its end, then the trail', () => {
  const database = '/home/someone/projects/session-explorer/.data/pgdata';
  const at120 = renderAt(<Header trail={['Users', 'user 8d6d63aa-f015-4b67-b062-5ee72cdc23f9']} tab="users" database={database} width={120} />, { columns: 120, rows: 5 }).lastFrame()!;
  assert.match(at120, /user 8d6d63aa-f015-4b67-b062-5ee72cdc23f9 +\u2026.*\/\.data\/pgdata {2}\[Users\]/);
  for (const width of [80, 60]) {
    const frame = renderAt(<Header trail={['Users', 'user 8d6d63aa-f015-4b67-b062-5ee72cdc23f9', 'session 12']} tab="users" database={database} width={width} />, { columns: width, rows: 5 }).lastFrame()!;
    assert.equal(frame.split('\n').length, 1);
    assert.ok(widthOf(frame) <= width, `${width}: ${frame}`);
    assert.match(frame, /\[Users\] {2}Stats {3}Query {2}\(Tab\)$/);
  }
});

test('an active period stays whole at 80 columns: the trail gives way first', () => {
  const trail = ['Users', 'user 8d6d63aa-f015-4b67-b062-5ee72cdc23f9'];
  const frame = renderAt(<Header trail={trail} tab="users" period="2020-12-25 to 2020-12-31" database="/data" width={80} />, { columns: 80, rows: 5 }).lastFrame()!;
  assert.match(frame, /^session-explorer {2}U\S*\u2026 {2}\[2020-12-25 to 2020-12-31\] +\[Users\] {2}Stats {3}Query {2}\(Tab\)$/);
  assert.ok(widthOf(frame) <= 80);
});
