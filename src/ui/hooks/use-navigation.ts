import { useState } from 'react';
import type { Database } from '../../db/database.js';
import { userSessions } from '../../sessions/queries.js';
import type { Message } from '../components/message-line.js';
import { jumpToUser, pop, type Navigation, type Tab } from '../navigation.js';

/**
 * The browser's place: the drill-down stack and the tab, the tabs visited so far (kept mounted once seen), and the
 * moves that change it. A move clears the message line; what cannot be done says so there.
 */
export function useNavigation(db: Database, initial: Navigation, say: (message: Message | undefined) => void) {
  const [nav, setNav] = useState(initial);
  const [visited, setVisited] = useState(() => new Set<Tab>([initial.tab]));

  const navigate = (next: Navigation) => {
    setNav(next);
    setVisited((v) => new Set(v).add(next.tab));
    say(undefined);
  };
  // Esc goes back as far as Users and no further: leaving is Q's job, so an Esc too many loses nothing.
  const back = () => {
    const previous = pop(nav);
    if (previous) navigate(previous);
    else say({ text: 'This is the first screen: Q quits.' });
  };
  const jump = (typed: string) => {
    const id = typed.trim();
    if (!id) return;
    userSessions(db, id).then(
      () => navigate(jumpToUser(id)),
      (error: Error) => say({ text: error.message, isError: true }),
    );
  };
  return { nav, visited, navigate, back, jump };
}
