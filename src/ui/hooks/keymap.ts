import { useCallback, useLayoutEffect, useRef } from 'react';
import { useInput, type Key } from 'ink';

/** What a key means; the same key means the same thing on every screen. */
export type Action =
  | 'up'
  | 'down'
  | 'top'
  | 'bottom'
  | 'pageUp'
  | 'pageDown'
  | 'enter'
  | 'back'
  | 'quit'
  | 'interrupt'
  | 'filter'
  | 'help'
  | 'jump'
  | 'export'
  | 'sort'
  | 'outcome'
  | 'nextTab'
  | 'previousTab';

type KeyState = Partial<Key>;

/** The action a key press stands for, or undefined for keys that mean nothing outside a text field. */
export function actionFor(input: string, key: KeyState): Action | undefined {
  if (key.ctrl && input === 'c') return 'interrupt';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.pageUp) return 'pageUp';
  if (key.pageDown) return 'pageDown';
  if (key.home) return 'top';
  if (key.end) return 'bottom';
  if (key.return) return 'enter';
  if (key.escape) return 'back';
  if (key.tab) return key.shift ? 'previousTab' : 'nextTab';
  if (key.ctrl || key.meta) return undefined;
  const byCharacter: Record<string, Action> = {
    k: 'up',
    j: 'down',
    g: 'top',
    G: 'bottom',
    q: 'back',
    Q: 'quit',
    '/': 'filter',
    '?': 'help',
    ':': 'jump',
    e: 'export',
    s: 'sort',
    o: 'outcome',
  };
  return byCharacter[input];
}

/** One line per key for the help overlay and the footer. */
export const keyHelp: Record<Action, { keys: string; does: string }> = {
  up: { keys: 'up / k', does: 'previous row' },
  down: { keys: 'down / j', does: 'next row' },
  top: { keys: 'g / Home', does: 'first row' },
  bottom: { keys: 'G / End', does: 'last row' },
  pageUp: { keys: 'PgUp', does: 'previous page' },
  pageDown: { keys: 'PgDn', does: 'next page' },
  enter: { keys: 'Enter', does: 'open' },
  back: { keys: 'Esc / q', does: 'back (Esc also clears a filter)' },
  quit: { keys: 'Q', does: 'quit' },
  interrupt: { keys: 'Ctrl-C', does: 'quit' },
  filter: { keys: '/', does: 'filter' },
  help: { keys: '?', does: 'keys of this screen' },
  jump: { keys: ':', does: 'jump to a user id' },
  export: { keys: 'e', does: 'export this list to CSV or JSON' },
  sort: { keys: 's', does: 'next sort order' },
  outcome: { keys: 'o', does: 'next outcome filter' },
  nextTab: { keys: 'Tab', does: 'next view: users, stats, query' },
  previousTab: { keys: 'Shift-Tab', does: 'previous view' },
};

/**
 * `useInput` that always calls the handler of the latest render. Ink re-subscribes a new handler in a passive
 * effect, so two keys typed quickly (j then Enter) could otherwise reach a handler that has not seen the first.
 */
export function useLatestInput(handler: (input: string, key: Key) => void, isActive = true): void {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  const stable = useCallback((input: string, key: Key) => latest.current(input, key), []);
  useInput(stable, { isActive });
}

/** Calls `handler` with the action of each key press while `isActive`; keys without an action are ignored. */
export function useKeymap(handler: (action: Action) => void, isActive = true): void {
  useLatestInput((input, key) => {
    const action = actionFor(input, key);
    if (action) handler(action);
  }, isActive);
}
