import { Box, Text } from 'ink';
import { headOfWidth, widthOf } from '../text-width.js';
import { useTheme } from '../theme.js';

export interface SqlErrorProps {
  sql: string;
  message: string;
  /** 1-based character of `sql` the server points at. */
  position?: number;
  width: number;
}

/**
 * The server's error, and when it names a place in the statement, the statement with a caret under that place,
 * as psql shows it. A statement wider than the screen is shown around the place.
 */
export function SqlError({ sql, message, position, width }: SqlErrorProps) {
  const theme = useTheme();
  const at = position === undefined ? undefined : Math.min([...sql].length, position - 1);
  let excerpt = '';
  let caret = '';
  if (at !== undefined) {
    const characters = [...sql];
    const room = Math.max(10, width - 4);
    // keep the place a third of the way in, so the words after it show too
    const start = Math.max(0, Math.min(at - Math.floor(room / 3), characters.length - room));
    excerpt = headOfWidth(characters.slice(start).join(''), room);
    caret = `${' '.repeat(widthOf(characters.slice(start, at).join('')))}^`;
  }
  return (
    <Box flexDirection="column">
      <Text color={theme.error}>Error: {message}</Text>
      {at !== undefined ? (
        <>
          <Text>  {excerpt}</Text>
          <Text color={theme.error}>  {caret}</Text>
        </>
      ) : null}
    </Box>
  );
}
