import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { breadcrumb, currentView, fitWindow, initialNavigation, jumpToUser, moveCursor, nextChoice, pop, push, switchTab } from './navigation.js';
import { rowsLabel } from '../format/values.js';

describe('drill-down stack', () => {
  test('goes in and back out, and has nowhere to go from the root', () => {
    const sessions = push(initialNavigation, { kind: 'sessions', userId: 'u1' });
    const events = push(sessions, { kind: 'events', userId: 'u1', device: 'd1', session: 2 });
    assert.deepEqual(currentView(events), { kind: 'events', userId: 'u1', device: 'd1', session: 2 });
    assert.deepEqual(breadcrumb(events), ['Users', 'user u1', 'session 2']);
    assert.deepEqual(pop(events), sessions);
    assert.deepEqual(pop(sessions), initialNavigation);
    assert.equal(pop(initialNavigation), undefined);
  });

  test('tabs cycle both ways and back returns to the users stack as it was', () => {
    const sessions = push(initialNavigation, { kind: 'sessions', userId: 'u1' });
    const stats = switchTab(sessions, 1);
    assert.deepEqual(currentView(stats), { kind: 'stats' });
    assert.equal(switchTab(stats, 1).tab, 'query');
    assert.equal(switchTab(sessions, -1).tab, 'query');
    assert.equal(switchTab(switchTab(stats, 1), 1).tab, 'users');
    assert.deepEqual(pop(stats), sessions);
    assert.deepEqual(breadcrumb(stats), ['Stats']);
  });

  test('a jump puts the user sessions on top of Users', () => {
    assert.deepEqual(jumpToUser('abc').stack, [{ kind: 'users' }, { kind: 'sessions', userId: 'abc' }]);
  });
});

describe('list window', () => {
  test('the cursor moves within bounds and the view scrolls only when it must', () => {
    let w = { cursor: 0, top: 0 };
    w = moveCursor(w, 'up', 100, 10);
    assert.deepEqual(w, { cursor: 0, top: 0 });
    for (let i = 0; i < 9; i++) w = moveCursor(w, 'down', 100, 10);
    assert.deepEqual(w, { cursor: 9, top: 0 });
    w = moveCursor(w, 'down', 100, 10);
    assert.deepEqual(w, { cursor: 10, top: 1 });
    w = moveCursor(w, 'bottom', 100, 10);
    assert.deepEqual(w, { cursor: 99, top: 90 });
    w = moveCursor(w, 'down', 100, 10);
    assert.deepEqual(w, { cursor: 99, top: 90 });
    w = moveCursor(w, 'top', 100, 10);
    assert.deepEqual(w, { cursor: 0, top: 0 });
  });

  test('pages move view and cursor together and stop at the ends', () => {
    let w = moveCursor({ cursor: 3, top: 0 }, 'pageDown', 25, 10);
    assert.deepEqual(w, { cursor: 13, top: 10 });
    w = moveCursor(w, 'pageDown', 25, 10);
    assert.deepEqual(w, { cursor: 23, top: 15 });
    w = moveCursor(w, 'pageDown', 25, 10);
    assert.deepEqual(w, { cursor: 24, top: 15 });
    w = moveCursor(w, 'pageUp', 25, 10);
    assert.deepEqual(w, { cursor: 14, top: 5 });
    w = moveCursor(w, 'pageUp', 25, 10);
    assert.deepEqual(w, { cursor: 4, top: 0 });
  });

  test('an empty list keeps the cursor at zero', () => {
    assert.deepEqual(moveCursor({ cursor: 0, top: 0 }, 'down', 0, 10), { cursor: 0, top: 0 });
    assert.deepEqual(moveCursor({ cursor: 0, top: 0 }, 'bottom', 0, 10), { cursor: 0, top: 0 });
  });

  test('a taller terminal or a shorter list pulls the view back', () => {
    assert.deepEqual(fitWindow({ cursor: 95, top: 90 }, 100, 40), { cursor: 95, top: 60 });
    assert.deepEqual(fitWindow({ cursor: 50, top: 45 }, 20, 10), { cursor: 19, top: 10 });
  });
});

describe('labels and choices', () => {
  test('rows label is 1-based, inclusive and grouped', () => {
    assert.equal(rowsLabel(40, 40, 12345), 'rows 41-80 of 12,345');
    assert.equal(rowsLabel(12320, 40, 12345), 'rows 12,321-12,345 of 12,345');
    assert.equal(rowsLabel(0, 0, 0), 'no rows');
  });

  test('choices cycle and wrap', () => {
    assert.equal(nextChoice(['a', 'b', 'c'], 'a'), 'b');
    assert.equal(nextChoice(['a', 'b', 'c'], 'c'), 'a');
  });
});
