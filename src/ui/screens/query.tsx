import React, { useState } from 'react';
import { performance } from 'node:perf_hooks';
import { Box, Text } from 'ink';
import type { Cell, Database } from '../../db/database.js';
import { runQuery, type QueryAnswer } from '../../sessions/queries.js';
import { DataTable } from '../components/data-table.js';
import { Footer, type Hint } from '../components/footer.js';
import { Line } from '../components/line.js';
import { Prompt } from '../components/prompt.js';
import { counted, formatDuration } from '../format.js';
import { useKeys } from '../hooks/use-keys.js';
import type { ScreenHelp, ScreenProps } from '../hooks/use-browser.js';
import { useListCursor } from '../hooks/use-list-cursor.js';
import { useTable, type Column } from '../hooks/use-table.js';
import { rowsLabel } from '../navigation.js';
import { useTheme } from '../theme.js';

export const queryHelp: ScreenHelp = {
  title: 'Query (SQL console)',
  actions: ['enter', 'up', 'down', 'pageUp', 'pageDown', 'nextTab', 'back', 'interrupt'],
  overrides: {
    enter: 'run the statement',
    up: 'previous statement in the history',
    down: 'next statement in the history',
    pageUp: 'scroll the results up',
    pageDown: 'scroll the results down',
    back: 'back to the users',
  },
  footer: [
    ['Enter', 'run'],
    ['up/down', 'history'],
    ['PgUp/PgDn', 'scroll'],
    ['Shift-left/right', 'columns'],
    ['\\w', 'writes on/off'],
    ['Tab', 'users'],
    ['Esc', 'back'],
    ['Ctrl-C', 'quit'],
  ] satisfies Hint[],
};

/** A cell as text: NULL spelled out, so it differs from an empty string. */
function cellText(value: Cell | undefined): string {
  return value === null || value === undefined ? 'NULL' : value;
}

function resultColumns(result: QueryAnswer): Column<Cell[]>[] {
  return result.columns.map((column, i) => ({
    header: column.name,
    grow: i === result.columns.length - 1,
    align: column.type === 'number' ? 'right' : 'left',
    text: (r: Cell[]) => cellText(r[i]),
  }));
}

type Answer = { sql: string } & ({ result: QueryAnswer; elapsedMs: number } | { error: string });

export interface QueryProps extends ScreenProps {
  db: Database;
  /** Statements run so far, oldest first; kept by the caller so a tab switch does not lose them. */
  history: readonly string[];
  onRun(sql: string): void;
}

const CHROME = 7; // prompt, mode line, statement, result line, column headings, status line, key hints

/**
 * The seed's SQL console: one statement at a time, read-only unless `\w` turned writes on, results in a
 * scrollable table, errors shown where the results would be.
 */
export function Query({ db, history, onRun, isActive, width, height, onBack }: QueryProps) {
  const theme = useTheme();
  const [write, setWrite] = useState(false);
  const [recall, setRecall] = useState({ index: history.length, text: '' });
  const [answer, setAnswer] = useState<Answer>();
  const [running, setRunning] = useState(false);
  const visible = Math.max(1, height - CHROME);
  const rows = answer && 'result' in answer ? answer.result.rows : [];
  const scroll = useListCursor(rows.length, visible);
  const top = scroll.window.top;
  const page = rows.slice(top, top + visible);
  const table = useTable(answer && 'result' in answer ? resultColumns(answer.result) : [], page, width);

  // Raw keys: letters are SQL here, so only the keys that cannot be typed move anything.
  // Letters and arrows edit the statement; Shift with left/right scrolls the result's columns.
  useKeys((key) => {
    if (key.shift && (key.name === 'left' || key.name === 'right')) table.scroll(key.name === 'left' ? -1 : 1);
    else if (key.name === 'pageup') scroll.move('pageUp');
    else if (key.name === 'pagedown') scroll.move('pageDown');
    else if (key.name === 'up' || key.name === 'down') {
      const index = Math.max(0, Math.min(history.length, recall.index + (key.name === 'up' ? -1 : 1)));
      setRecall({ index, text: history[index] ?? '' });
    }
  }, isActive, { textInBursts: true });

  const run = (typed: string) => {
    const sql = typed.trim();
    if (sql === '') return;
    if (sql === '\\w') {
      setWrite((w) => !w);
      setRecall({ index: history.length, text: '' });
      return;
    }
    onRun(sql);
    setRecall({ index: history.length + 1, text: '' });
    setRunning(true);
    const started = performance.now();
    runQuery(db, sql, { write }).then(
      (result) => setAnswer({ sql, result, elapsedMs: performance.now() - started }),
      (error: Error) => setAnswer({ sql, error: error.message }),
    ).finally(() => setRunning(false));
  };

  return (
    <Box flexDirection="column" height={height}>
      <Prompt
        key={`${recall.index}:${recall.text}`}
        label="SQL>"
        defaultValue={recall.text}
        placeholder="SELECT ... (Enter runs it)"
        onSubmit={run}
        onCancel={onBack}
      />
      <Text color={write ? theme.warning : theme.muted}>
        {write
          ? 'WRITES ALLOWED: statements can change data (\\w to go back to read-only)'
          : 'read-only: each statement runs in a read-only transaction (\\w allows writes)'}
      </Text>
      <Box flexDirection="column" flexGrow={1}>
        {running ? <Text>Running...</Text> : null}
        {!running && answer ? (
          <Line color={theme.muted} parts={[answer.sql]} width={width} />
        ) : null}
        {!running && answer && 'error' in answer ? (
          <Text color={theme.error}>
            Error: {answer.error}
            {/read-only transaction/.test(answer.error) ? ' (type \\w to allow writes)' : ''}
          </Text>
        ) : null}
        {!running && answer && 'result' in answer ? (
          <>
            <Text color={theme.muted}>
              {answer.result.columns.length > 0 ? counted(rows.length, 'row') : `${counted(answer.result.rowCount, 'row')} affected`} in{' '}
              {formatDuration(answer.elapsedMs)}
            </Text>
            {answer.result.columns.length > 0 ? <DataTable table={table} rows={page} /> : null}
          </>
        ) : null}
      </Box>
      <Footer status={rows.length > 0 ? rowsLabel(top, visible, rows.length) : undefined} hints={queryHelp.footer} width={width} />
    </Box>
  );
}
