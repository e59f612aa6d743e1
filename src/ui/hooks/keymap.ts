import type { KeyPress } from '../keys.js';
import { useKeys, type KeysOptions } from './use-keys.js';

/** What a key means; the same key means the same thing on every screen. */
export type Action =
  | 'up'
  | 'down'
  | 'top'
  | 'bottom'
  | 'pageUp'
  | 'pageDown'
  | 'left'
  | 'right'
  | 'enter'
  | 'details'
  | 'back'
  | 'quit'
  | 'interrupt'
  | 'filter'
  | 'nextMatch'
  | 'previousMatch'
  | 'help'
  | 'jump'
  | 'export'
  | 'sort'
  | 'reverse'
  | 'outcome'
  | 'period'
  | 'gaps'
  | 'copy'
  | 'nextTab'
  | 'previousTab';

const byName: Record<string, Action> = {
  up: 'up',
  down: 'down',
  pageup: 'pageUp',
  pagedown: 'pageDown',
  home: 'top',
  end: 'bottom',
  left: 'left',
  right: 'right',
  return: 'enter',
  escape: 'back',
  // the one help key that cannot be typed into a text field (the SQL console)
  f1: 'help',
};

const byCharacter: Record<string, Action> = {
  k: 'up',
  j: 'down',
  g: 'top',
  G: 'bottom',
  h: 'left',
  l: 'right',
  d: 'details',
  q: 'back',
  Q: 'quit',
  '/': 'filter',
  n: 'nextMatch',
  N: 'previousMatch',
  '?': 'help',
  ':': 'jump',
  e: 'export',
  s: 'sort',
  S: 'reverse',
  o: 'outcome',
  p: 'period',
  // not g, which is the first row on every screen: c for the curve
  c: 'gaps',
  y: 'copy',
};

/** The action a key press stands for, or undefined for keys that mean nothing outside a text field. */
export function actionFor(key: KeyPress): Action | undefined {
  if (key.ctrl && key.name === 'c') return 'interrupt';
  if (key.name === 'tab') return key.shift ? 'previousTab' : 'nextTab';
  if (key.ctrl || key.meta) return undefined;
  return byName[key.name] ?? byCharacter[key.text];
}

/** One line per key for the help overlay. */
export const keyHelp: Record<Action, { keys: string; does: string }> = {
  up: { keys: 'up / k', does: 'previous row' },
  down: { keys: 'down / j', does: 'next row' },
  top: { keys: 'g / Home', does: 'first row' },
  bottom: { keys: 'G / End', does: 'last row' },
  pageUp: { keys: 'PgUp', does: 'previous page' },
  pageDown: { keys: 'PgDn', does: 'next page' },
  left: { keys: 'left / h', does: 'scroll the columns left' },
  right: { keys: 'right / l', does: 'scroll the columns right (more columns than fit)' },
  enter: { keys: 'Enter', does: 'open' },
  details: { keys: 'd', does: 'all the fields of the row under the cursor' },
  back: { keys: 'Esc / q', does: 'back (Esc also clears a filter)' },
  quit: { keys: 'Q', does: 'quit' },
  interrupt: { keys: 'Ctrl-C', does: 'quit' },
  filter: { keys: '/', does: 'filter as you type (Enter keeps it, Esc drops it)' },
  nextMatch: { keys: 'n', does: 'next match of the filter' },
  previousMatch: { keys: 'N', does: 'previous match of the filter' },
  help: { keys: '? / F1', does: 'keys of this screen' },
  jump: { keys: ':', does: 'jump to a user id' },
  export: { keys: 'e', does: 'export this list to CSV or JSON' },
  sort: { keys: 's', does: 'sort by the next column' },
  reverse: { keys: 'S', does: 'reverse the sort order' },
  outcome: { keys: 'o', does: 'next outcome filter' },
  period: { keys: 'p', does: 'choose the period: users, stats and the funnel count the sessions starting in it' },
  gaps: { keys: 'c', does: 'the gap curve: how many sessions each session gap would make' },
  copy: { keys: 'y', does: 'copy the id under the cursor to the clipboard, through the terminal (OSC 52)' },
  nextTab: { keys: 'Tab', does: 'next view: users, stats, query' },
  previousTab: { keys: 'Shift-Tab', does: 'previous view' },
};

/**
 * Calls `handler` with the action of each key press while `isActive`; keys without an action are ignored.
 * `options.textInBursts`: the handler ignores printable keys for now (letters are typed into a field).
 */
export function useKeymap(handler: (action: Action) => void, isActive = true, options: KeysOptions = {}): void {
  useKeys(
    (key) => {
      const action = actionFor(key);
      if (action) handler(action);
    },
    isActive,
    options,
  );
}
