import { Text } from 'ink';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { tabs, type Tab } from '../navigation.js';
import { headOfWidth, tailOfWidth, widthOf } from '../text-width.js';
import { useTheme } from '../theme.js';

const tabTitles: Record<Tab, string> = { users: 'Users', stats: 'Stats', query: 'Query' };

export interface HeaderProps {
  trail: readonly string[];
  tab?: Tab;
  /** Which database this is: the embedded folder, or the server's host and database. */
  database?: string;
  /** The period the views count, shown after the trail, which is cut first to keep it whole. */
  period?: string;
  /** The terminal's width by default. */
  width?: number;
}

const NAME = 'session-explorer';
const GAP = '  ';
/** Narrower than this, the database is left out rather than cut to nothing. */
const DATABASE_MIN = 12;

/**
 * The breadcrumb of where we are, the database in use, and the tabs with the current one bracketed (it reads
 * without colour). One line at any width: the database gives way first (its end, the telling part, stays),
 * then the trail.
 */
export function Header({ trail, tab, database, period, width: givenWidth }: HeaderProps) {
  const theme = useTheme();
  const width = givenWidth ?? useTerminalSize().columns;
  const tabLine = tab ? `${tabs.map((t) => (t === tab ? `[${tabTitles[t]}]` : ` ${tabTitles[t]} `)).join(' ')}` : '';
  const tabHint = tab ? ' (Tab)' : '';
  const right = widthOf(tabLine + tabHint);
  const trailPart = trail.length > 0 ? `${GAP}${trail.join(' > ')}` : '';
  const periodPart = period ? `${GAP}[${period}]` : '';
  const trailText = trailPart + periodPart;
  const room = width - right - widthOf(NAME) - widthOf(GAP);
  const cut = (text: string, to: number) => `${headOfWidth(text, Math.max(0, to - 1))}${theme.ellipsis}`;
  // The period changes what every count means: the trail gives way before it does.
  const trailShown =
    widthOf(trailText) <= room
      ? trailText
      : widthOf(periodPart) + 2 * widthOf(GAP) + 1 <= room
        ? cut(trailPart, room - widthOf(periodPart)) + periodPart
        : cut(trailText, room);
  const databaseRoom = room - widthOf(trailShown) - widthOf(GAP);
  const databaseShown =
    !database || databaseRoom < DATABASE_MIN
      ? ''
      : widthOf(database) <= databaseRoom
        ? database
        : `${theme.ellipsis}${tailOfWidth(database, databaseRoom - widthOf(theme.ellipsis))}`;
  const padding = ' '.repeat(Math.max(0, width - widthOf(NAME + trailShown + databaseShown + tabLine + tabHint) - (databaseShown ? widthOf(GAP) : 0)));
  return (
    <Text wrap="truncate-end">
      <Text bold color={theme.accent}>
        {NAME}
      </Text>
      {trailShown}
      {padding}
      {databaseShown ? <Text color={theme.muted}>{databaseShown + GAP}</Text> : null}
      {tabLine}
      <Text color={theme.muted}>{tabHint}</Text>
    </Text>
  );
}
