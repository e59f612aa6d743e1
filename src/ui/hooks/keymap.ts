import type { KeyPress } from '../keys.js';
import { useKeys } from './use-keys.js';

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

/** The action a key press stands for, or undefined for keys that mean nothing outside a text field. */
export function actionFor(key: KeyPress): Action | undefined {
  if (key.ctrl && key.name === 'c') return 'interrupt';
  const byName: Record<string, Action> = {
    up: 'up',
    down: 'down',
    pageup: 'pageUp',
    pagedown: 'pageDown',
    home: 'top',
    end: 'bottom',
    return: 'enter',
    escape: 'back',
  };
  if (key.name === 'tab') return key.shift ? 'previousTab' : 'nextTab';
  if (key.ctrl || key.meta) return undefined;
  const named = byName[key.name];
  if (named) return named;
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
  return byCharacter[key.text];
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

/** Calls `handler` with the action of each key press while `isActive`; keys without an action are ignored. */
export function useKeymap(handler: (action: Action) => void, isActive = true): void {
  useKeys((key) => {
    const action = actionFor(key);
    if (action) handler(action);
  }, isActive);
}
