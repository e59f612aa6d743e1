/**
 * The browser's navigation as pure functions: the drill-down stack, the tabs, and the cursor over a
 * windowed list. Screens and hooks only call these, so every rule here is unit-tested without a terminal.
 */

export type View =
  | { kind: 'users' }
  | { kind: 'sessions'; userId: string }
  | { kind: 'events'; userId: string; device: string; session: number }
  | { kind: 'stats' }
  | { kind: 'query' };

export type Tab = 'users' | 'stats' | 'query';

export const tabs: readonly Tab[] = ['users', 'stats', 'query'];

/** The users tab drills down; the other tabs are a single view each. */
export interface Navigation {
  tab: Tab;
  stack: readonly View[];
}

export const initialNavigation: Navigation = { tab: 'users', stack: [{ kind: 'users' }] };

export function currentView(nav: Navigation): View {
  if (nav.tab === 'users') return nav.stack[nav.stack.length - 1] ?? { kind: 'users' };
  return { kind: nav.tab };
}

export function push(nav: Navigation, view: View): Navigation {
  return { tab: 'users', stack: [...nav.stack, view] };
}

/** One step back; undefined when there is nowhere left to go (the caller quits). */
export function pop(nav: Navigation): Navigation | undefined {
  if (nav.tab !== 'users') return { ...nav, tab: 'users' };
  if (nav.stack.length <= 1) return undefined;
  return { ...nav, stack: nav.stack.slice(0, -1) };
}

/** `:` jumps straight to a user's sessions, from anywhere, with Users underneath. */
export function jumpToUser(userId: string): Navigation {
  return { tab: 'users', stack: [{ kind: 'users' }, { kind: 'sessions', userId }] };
}

export function switchTab(nav: Navigation, step: 1 | -1): Navigation {
  const index = tabs.indexOf(nav.tab);
  const next = tabs[(index + step + tabs.length) % tabs.length] ?? 'users';
  return { ...nav, tab: next };
}

/** The header's trail, e.g. `Users > user 4f2a... > session 3` (the device is named on the screen itself). */
export function breadcrumb(nav: Navigation): string[] {
  if (nav.tab === 'stats') return ['Stats'];
  if (nav.tab === 'query') return ['Query'];
  return nav.stack.map((view) => {
    switch (view.kind) {
      case 'sessions':
        return `user ${view.userId}`;
      case 'events':
        return `session ${view.session}`;
      default:
        return 'Users';
    }
  });
}

/** The cursor over a list of `total` rows of which `height` are visible, starting at `top`. */
export interface ListWindow {
  cursor: number;
  top: number;
}

export type Movement = 'up' | 'down' | 'top' | 'bottom' | 'pageUp' | 'pageDown';

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

/** Scrolls as little as possible so the cursor is on screen, and never past the end. */
export function fitWindow(window: ListWindow, total: number, height: number): ListWindow {
  const rows = Math.max(1, height);
  const cursor = clamp(window.cursor, 0, Math.max(0, total - 1));
  let top = clamp(window.top, 0, Math.max(0, total - rows));
  if (cursor < top) top = cursor;
  if (cursor >= top + rows) top = cursor - rows + 1;
  return { cursor, top };
}

export function moveCursor(window: ListWindow, movement: Movement, total: number, height: number): ListWindow {
  const page = Math.max(1, height);
  const last = Math.max(0, total - 1);
  switch (movement) {
    case 'up':
      return fitWindow({ ...window, cursor: window.cursor - 1 }, total, height);
    case 'down':
      return fitWindow({ ...window, cursor: window.cursor + 1 }, total, height);
    case 'top':
      return { cursor: 0, top: 0 };
    case 'bottom':
      return fitWindow({ cursor: last, top: last }, total, height);
    // A page turn moves the view and the cursor together, like a pager.
    case 'pageUp':
      return fitWindow({ cursor: window.cursor - page, top: window.top - page }, total, height);
    case 'pageDown':
      return fitWindow({ cursor: window.cursor + page, top: window.top + page }, total, height);
  }
}

/** Cycles through a fixed list of choices (sort orders, outcome filters). */
export function nextChoice<T>(choices: readonly T[], current: T): T {
  const index = choices.indexOf(current);
  return choices[(index + 1) % choices.length] ?? current;
}
