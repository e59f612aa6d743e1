import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { Database } from '../../db/database.js';
import { ALL_TIME, describePeriod, parseTypedPeriod, userSessions, type Period, type SessionRow } from '../../sessions/queries.js';
import { Header } from '../components/header.js';
import { HelpOverlay } from '../components/help-overlay.js';
import { MessageLine, type Message } from '../components/message-line.js';
import { PeriodPicker } from '../components/period-picker.js';
import { Prompt } from '../components/prompt.js';
import { useKeymap } from '../hooks/keymap.js';
import { useKeys } from '../hooks/use-keys.js';
import { BrowserContext, type BrowserActions, type PromptRequest, type ScreenHelp } from '../hooks/use-browser.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { breadcrumb, currentView, initialNavigation, jumpToUser, pop, push, switchTab, type Navigation, type View } from '../navigation.js';
import { useTheme } from '../theme.js';
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

/**
 * The session browser: a drill-down stack (users, a user's sessions, a session's events) and the stats and
 * query tabs, with one prompt line, one message line and the keys that work on every screen.
 */
export function Browser({ db, exportDir, initial = initialNavigation, onQuit }: BrowserProps) {
  const theme = useTheme();
  const { columns, rows } = useTerminalSize();
  const [nav, setNav] = useState(initial);
  const [visited, setVisited] = useState(() => new Set([initial.tab]));
  const [prompt, setPrompt] = useState<PromptRequest>();
  const [helpOpen, setHelpOpen] = useState(false);
  const [period, setPeriod] = useState<Period>(ALL_TIME);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [message, setMessage] = useState<Message>();
  // A console statement is running: Ctrl-C cancels it (the console hears it) instead of quitting.
  const [queryBusy, setQueryBusy] = useState(false);

  const view = currentView(nav);
  const typing = view.kind === 'query';
  const height = Math.max(5, rows - FRAME_LINES);
  const keysFree = !prompt && !helpOpen && !pickerOpen;
  // what the screens show: hidden behind the help or the period picker
  const covered = helpOpen || pickerOpen;

  const actions: BrowserActions = useMemo(
    () => ({
      ask: (request) => setPrompt(request),
      say: (text, options) => setMessage({ text, isError: options?.isError }),
    }),
    [],
  );

  const navigate = (next: Navigation) => {
    setNav(next);
    setVisited((v) => new Set(v).add(next.tab));
    setMessage(undefined);
  };
  // Esc goes back as far as Users and no further: leaving is Q's job, so an Esc too many loses nothing.
  const back = () => {
    const previous = pop(nav);
    if (previous) navigate(previous);
    else setMessage({ text: 'This is the first screen: Q quits.' });
  };
  const jump = (typed: string) => {
    const id = typed.trim();
    if (!id) return;
    userSessions(db, id).then(
      () => navigate(jumpToUser(id)),
      (error: Error) => setMessage({ text: error.message, isError: true }),
    );
  };

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
    else if (action === 'nextTab' || action === 'previousTab') navigate(switchTab(nav, action === 'nextTab' ? 1 : -1));
    else if (typing) return;
    else if (action === 'quit') onQuit();
    else if (action === 'help') setHelpOpen(true);
    else if (action === 'jump') setPrompt({ label: 'Jump to the user with anonymous id:', onSubmit: jump });
    else if (action === 'period') setPickerOpen(true);
  }, keysFree, { textInBursts: typing });
  useKeys(() => setHelpOpen(false), helpOpen);

  const pick = (next: Period) => {
    setPickerOpen(false);
    setPeriod(next);
    setMessage({ text: `Counting the sessions that start in: ${describePeriod(next)}` });
  };
  const typePeriod = () => {
    setPickerOpen(false);
    setPrompt({
      label: 'Period, from and to:',
      placeholder: '2020-05-01 to 2020-05-31',
      onSubmit: (typed) => {
        try {
          pick(parseTypedPeriod(typed));
        } catch (error) {
          setMessage({ text: (error as Error).message, isError: true });
        }
      },
    });
  };

  const screenProps = (isCurrent: boolean) => ({ isActive: isCurrent && keysFree, width: columns, height, onBack: back });
  const common = { db, exportDir, period };
  const stackScreen = (entry: View, isCurrent: boolean) => {
    const props = { ...common, ...screenProps(isCurrent) };
    switch (entry.kind) {
      case 'users':
        return <Users {...props} onOpen={(userId) => navigate(push(nav, { kind: 'sessions', userId }))} />;
      case 'sessions': {
        const { userId } = entry;
        const open = (s: SessionRow) => navigate(push(nav, { kind: 'events', userId, device: s.device, session: s.index }));
        return <Sessions {...props} userId={userId} onOpen={open} />;
      }
      case 'events':
        return <Events {...props} userId={entry.userId} device={entry.device} session={entry.session} />;
      default:
        return null;
    }
  };
  const stackTop = nav.stack.length - 1;
  return (
    <BrowserContext.Provider value={actions}>
      <Box flexDirection="column" height={rows - 1}>
        <Header trail={breadcrumb(nav)} tab={nav.tab} database={db.description} period={describePeriod(period)} />
        {helpOpen ? <HelpOverlay {...helpOf[view.kind]} /> : null}
        {pickerOpen ? <PeriodPicker db={db} current={period} onPick={pick} onType={typePeriod} onCancel={() => setPickerOpen(false)} /> : null}
        {/* Screens under the top of the stack stay mounted, hidden, so going back finds them as they were. */}
        {nav.stack.map((entry, i) => {
          const isCurrent = nav.tab === 'users' && i === stackTop;
          return (
            <Box key={JSON.stringify(entry)} display={isCurrent && !covered ? 'flex' : 'none'}>
              {stackScreen(entry, isCurrent)}
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
            <Query db={db} onBusy={setQueryBusy} {...screenProps(nav.tab === 'query')} />
          </Box>
        ) : null}
        {prompt ? (
          <Prompt
            label={prompt.label}
            defaultValue={prompt.defaultValue}
            placeholder={prompt.placeholder}
            onChange={prompt.onChange}
            onSubmit={(value) => {
              setPrompt(undefined);
              prompt.onSubmit(value);
            }}
            onCancel={() => {
              setPrompt(undefined);
              prompt.onCancel?.();
            }}
          />
        ) : message ? (
          <MessageLine message={message} width={columns} />
        ) : (
          <Text color={theme.muted}> </Text>
        )}
      </Box>
    </BrowserContext.Provider>
  );
}
