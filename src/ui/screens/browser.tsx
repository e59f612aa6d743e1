import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Box } from 'ink';
import type { Database } from '../../db/database.js';
import { describePeriod, type Period, type SessionRow } from '../../sessions/queries.js';
import { BottomLine, bottomLineHeight } from '../components/bottom-line.js';
import { Header } from '../components/header.js';
import { HelpOverlay } from '../components/help-overlay.js';
import type { Message } from '../components/message-line.js';
import { PeriodPicker } from '../components/period-picker.js';
import { useKeymap, type Action } from '../hooks/keymap.js';
import { BrowserContext, type BrowserActions, type PromptRequest, type ScreenHelp } from '../hooks/use-browser.js';
import { useNavigation } from '../hooks/use-navigation.js';
import { usePeriodChoice } from '../hooks/use-period-choice.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { breadcrumb, currentView, initialNavigation, push, switchTab, type Navigation, type View } from '../navigation.js';
import { Events, eventsHelp } from './events.js';
import { Query, queryHelp } from './query.js';
import { Sessions, sessionsHelp } from './sessions.js';
import { Stats, statsHelp } from './stats.js';
import { Users, usersHelp } from './users.js';

const helpOf: Record<View['kind'], ScreenHelp> = {
  users: usersHelp,
  sessions: sessionsHelp,
  events: eventsHelp,
  stats: statsHelp,
  query: queryHelp,
};

// The keys the frame hears on every screen, on top of the screen's own; the console types letters as text.
const frameKeys: readonly Action[] = ['nextTab', 'previousTab', 'jump', 'period', 'help', 'quit', 'interrupt'];
const consoleFrameKeys: readonly Action[] = ['nextTab', 'previousTab', 'interrupt'];

/** All the keys of a view, for its help: its own, then the frame's. */
export function screenHelp(kind: View['kind']): ScreenHelp {
  const help = helpOf[kind];
  const frame = kind === 'query' ? consoleFrameKeys : frameKeys;
  return { ...help, actions: [...help.actions, ...frame.filter((action) => !help.actions.includes(action))] };
}

export interface BrowserProps {
  db: Database;
  /** Where `e` writes its files. */
  exportDir: string;
  initial?: Navigation;
  onQuit(): void;
}

// Lines around a screen: the header above it, the message or prompt line below, and one spare so the
// output never fills the terminal (Ink would then clear and redraw the whole screen on every change).
const FRAME_LINES = 3;

interface StackScreenProps {
  entry: View;
  db: Database;
  exportDir: string;
  period: Period;
  isActive: boolean;
  width: number;
  height: number;
  onBack(): void;
  /** Drill down: from the stack's top to the next view. */
  onOpen(view: View): void;
}

/** One entry of the drill-down stack: Users, a user's Sessions, or a session's Events. */
function StackScreen({ entry, onOpen, ...props }: StackScreenProps) {
  switch (entry.kind) {
    case 'users':
      return <Users {...props} onOpen={(userId) => onOpen({ kind: 'sessions', userId })} />;
    case 'sessions': {
      const { userId } = entry;
      return <Sessions {...props} userId={userId} onOpen={(s: SessionRow) => onOpen({ kind: 'events', userId, device: s.device, session: s.index })} />;
    }
    case 'events':
      return <Events {...props} userId={entry.userId} device={entry.device} session={entry.session} />;
    default:
      return null;
  }
}

/**
 * The session browser: a drill-down stack (users, a user's sessions, a session's events) and the stats and
 * query tabs, with one prompt line, one message line and the keys that work on every screen.
 */
export function Browser({ db, exportDir, initial = initialNavigation, onQuit }: BrowserProps) {
  const { columns, rows } = useTerminalSize();
  const [prompt, setPrompt] = useState<PromptRequest>();
  const [helpOpen, setHelpOpen] = useState(false);
  const [message, setMessage] = useState<Message>();
  // A console statement is running: Ctrl-C cancels it (the console hears it) instead of quitting.
  const [queryBusy, setQueryBusy] = useState(false);
  // The console offers a name to complete: Tab takes it there instead of switching views.
  const [queryCompletes, setQueryCompletes] = useState(false);
  const { nav, visited, navigate, back, jump } = useNavigation(db, initial, setMessage);
  const periods = usePeriodChoice(setMessage, setPrompt);
  const { period } = periods;

  const view = currentView(nav);
  const typing = view.kind === 'query';
  // a message or a prompt's problem that wraps takes its lines from the screen above it
  const height = Math.max(5, rows - FRAME_LINES - (bottomLineHeight(prompt, message, columns) - 1));
  const keysFree = !prompt && !helpOpen && !periods.pickerOpen;
  // what the screens show: hidden behind the help or the period picker
  const covered = helpOpen || periods.pickerOpen;

  const actions: BrowserActions = useMemo(
    () => ({
      ask: (request) => setPrompt(request),
      say: (text, options) => setMessage({ text, isError: options?.isError }),
    }),
    [],
  );

  // A key clears the message already on screen, not one that the same key just gave (screens hear keys too).
  const shownMessage = useRef<Message | undefined>(undefined);
  useLayoutEffect(() => {
    shownMessage.current = message;
  });
  useKeymap((action) => {
    setMessage((m) => (m === shownMessage.current ? undefined : m));
    if (action === 'interrupt') {
      if (!(typing && queryBusy)) onQuit();
    }
    else if (action === 'nextTab' && typing && queryCompletes) return;
    else if (action === 'nextTab' || action === 'previousTab') navigate(switchTab(nav, action === 'nextTab' ? 1 : -1));
    else if (typing) return;
    else if (action === 'quit') onQuit();
    else if (action === 'help') setHelpOpen(true);
    else if (action === 'jump') setPrompt({ label: 'Jump to the user with anonymous id:', onSubmit: jump });
    else if (action === 'period') periods.openPicker();
  }, keysFree, { textInBursts: typing });

  const screenProps = (isCurrent: boolean) => ({ isActive: isCurrent && keysFree, width: columns, height, onBack: back });
  const stackTop = nav.stack.length - 1;
  return (
    <BrowserContext.Provider value={actions}>
      <Box flexDirection="column" height={rows - 1}>
        <Header trail={breadcrumb(nav)} tab={nav.tab} database={db.description} {...(typing ? {} : { period: describePeriod(period) })} />
        {helpOpen ? <HelpOverlay {...screenHelp(view.kind)} width={columns} height={height} onClose={() => setHelpOpen(false)} /> : null}
        {periods.pickerOpen ? (
          <PeriodPicker db={db} current={period} onPick={periods.pick} onType={periods.typePeriod} onCancel={periods.closePicker} />
        ) : null}
        {/* Screens under the top of the stack stay mounted, hidden, so going back finds them as they were. */}
        {nav.stack.map((entry, i) => {
          const isCurrent = nav.tab === 'users' && i === stackTop;
          return (
            <Box key={JSON.stringify(entry)} display={isCurrent && !covered ? 'flex' : 'none'}>
              <StackScreen
                entry={entry}
                db={db}
                exportDir={exportDir}
                period={period}
                {...screenProps(isCurrent)}
                onOpen={(next) => navigate(push(nav, next))}
              />
            </Box>
          );
        })}
        {visited.has('stats') ? (
          <Box display={!covered && nav.tab === 'stats' ? 'flex' : 'none'}>
            <Stats db={db} period={period} {...screenProps(nav.tab === 'stats')} />
          </Box>
        ) : null}
        {/* Kept once visited, like Stats: a tab switch keeps the statement, its rows and the typed text. */}
        {visited.has('query') ? (
          <Box display={!covered && nav.tab === 'query' ? 'flex' : 'none'}>
            <Query db={db} onBusy={setQueryBusy} onCompletion={setQueryCompletes} onHelp={() => setHelpOpen(true)} {...screenProps(nav.tab === 'query')} />
          </Box>
        ) : null}
        <BottomLine prompt={prompt} message={message} width={columns} onPromptClosed={() => setPrompt(undefined)} />
      </Box>
    </BrowserContext.Provider>
  );
}
