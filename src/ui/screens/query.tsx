import { useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { Spinner } from '@inkjs/ui';
import type { Cell, Database, ReadOnlyMode, StatementColumn } from '../../db/database.js';
import { DataTable } from '../components/data-table.js';
import { Footer, type Hint } from '../components/footer.js';
import { Line } from '../components/line.js';
import { Prompt } from '../components/prompt.js';
import { SqlError } from '../components/sql-error.js';
import { counted, formatCount, formatDuration } from '../../format/values.js';
import { useKeys } from '../hooks/use-keys.js';
import type { ScreenHelp, ScreenProps } from '../hooks/use-browser.js';
import { useListCursor } from '../hooks/use-list-cursor.js';
import { useNow } from '../hooks/use-now.js';
import { useStatement, type StatementState } from '../hooks/use-statement.js';
import { useTable, type Column } from '../hooks/use-table.js';
import { useAsync } from '../hooks/use-async.js';
import { listRelations, type Relation } from '../../sessions/catalog.js';
import { rowsLabel } from '../../format/values.js';
import { historyFile, readHistory, remember } from '../query-history.js';
import { useTheme } from '../theme.js';

export const queryHelp: ScreenHelp = {
  title: 'Query (SQL console)',
  // letters are typed into the statement: only the keys that cannot be typed act here
  actions: ['enter', 'pageUp', 'pageDown', 'nextTab', 'previousTab', 'interrupt'],
  overrides: {
    enter: 'run the statement',
    pageUp: 'scroll the results up',
    pageDown: 'scroll the results down; at the end, fetch more rows',
    interrupt: 'cancel the running statement, or quit',
  },
  extra: [
    ['up / Ctrl-P', 'previous statement in the history'],
    ['down / Ctrl-N', 'next statement in the history'],
    ['Shift-left/right', 'scroll the result columns'],
    ['Esc', 'cancel the running statement, or back to the users'],
    ['F1', 'keys of this screen (? too, on an empty line)'],
    ['\\w', 'allow writes, or back to read-only (typed as a statement)'],
  ],
  footer: [
    ['Enter', 'run'],
    ['Ctrl-C', 'quit'],
    ['Esc', 'cancel/back'],
    ['up/down', 'history'],
    ['PgUp/PgDn', 'scroll'],
    ['Shift-left/right', 'columns'],
    ['\\w', 'writes on/off'],
    ['Tab', 'users'],
  ] satisfies Hint[],
  help: ['F1', 'help'],
};

/** A cell as text: NULL spelled out, so it differs from an empty string. */
function cellText(value: Cell | undefined): string {
  return value === null || value === undefined ? 'NULL' : value;
}

/**
 * Columns by position, so two of one name both show; numbers right-aligned; each as wide as its content, and
 * never narrower than its header, so that similar names stay apart (the table scrolls sideways instead).
 */
function resultColumns(columns: readonly StatementColumn[]): Column<Cell[]>[] {
  return columns.map((column, i) => ({
    header: column.name,
    wholeHeader: true,
    align: column.type === 'number' ? 'right' : 'left',
    kind: column.type === 'number' ? 'value' : 'text',
    text: (row: Cell[]) => cellText(row[i]),
  }));
}

/** "3 rows in 12ms", "DELETE 3 in 5ms", "first 10,000 rows in 40ms (PgDn at the end: 10,000 more)". */
function answerLine(state: Extract<StatementState, { kind: 'answered' }> | Described): string {
  if ('described' in state) return state.described;
  const time = `in ${formatDuration(state.elapsedMs)}`;
  if (state.columns.length === 0) return `${state.finished?.command ?? 'done'} ${time}`;
  if (state.finished) return `${counted(state.rows.length, 'row')} ${time}`;
  if (state.stopped) return `${counted(state.rows.length, 'row')} fetched, then cancelled`;
  const more = state.rows.length >= state.cap ? `; PgDn at the end fetches more` : ', more as you scroll';
  return `first ${counted(state.rows.length, 'row')} ${time}${state.fetching ? ', fetching...' : more}`;
}

const RUNS_AS: Record<ReadOnlyMode['runsAs'], string> = {
  reader: 'read-only: statements run as a role that can only read',
  superuser: 'read-only guards against mistakes here, not a permission system: you connect as a superuser',
  user: 'read-only is a transaction mode here, not a permission: statements run as your own role, which can still lock what it owns',
};

/** What read-only means on this database, for the mode line: who runs the statement, and what reaches past it. */
export function readOnlyLine({ runsAs, reachOut }: ReadOnlyMode): string {
  const beyond = reachOut.length === 0 ? '' : `; ${reachOut.join(' and ')} can still write elsewhere`;
  return `${RUNS_AS[runsAs]}${beyond} (\\w allows writes)`;
}

/** An answer from the catalog (\dt, \d name), shown as a statement's rows are. */
interface Described {
  sql: string;
  described: string;
  columns: readonly StatementColumn[];
  rows: Cell[][];
}

const textColumn = (name: string): StatementColumn => ({ name, type: 'text' });

/** `\dt`: every table and view; `\d name`: the columns of one, or what names there are when it is not one. */
function describeCatalog(relations: readonly Relation[], name: string | undefined): Described {
  if (name === undefined) {
    return {
      sql: '\\dt',
      described: `${formatCount(relations.length)} ${relations.length === 1 ? 'table or view' : 'tables and views'}; \\d name lists the columns of one`,
      columns: [textColumn('name'), textColumn('kind'), textColumn('columns')],
      rows: relations.map((r) => [r.name, r.kind, r.columns.map((c) => c.name).join(', ')]),
    };
  }
  const relation = relations.find((r) => r.name === name) ?? relations.find((r) => r.name.toLowerCase() === name.toLowerCase());
  if (!relation) {
    return { sql: `\\d ${name}`, described: `No table or view is called ${name}; \\dt lists them`, columns: [], rows: [] };
  }
  return {
    sql: `\\d ${relation.name}`,
    described: `${relation.kind} ${relation.name}: ${counted(relation.columns.length, 'column')}`,
    columns: [textColumn('column'), textColumn('type')],
    rows: relation.columns.map((c) => [c.name, c.type]),
  };
}

/**
 * What the statement may grow into at its last word: the table and view names, and the column names (those of the
 * tables the statement names first), each as the whole text completed, for the field's Tab.
 */
export function completionsOf(text: string, relations: readonly Relation[]): string[] {
  const word = /[A-Za-z_][\w$]*$/.exec(text)?.[0];
  if (!word) return [];
  const named = relations.filter((r) => new RegExp(`\\b${r.name}\\b`, 'i').test(text.slice(0, -word.length)));
  const names = [
    ...named.flatMap((r) => r.columns.map((c) => c.name)),
    ...relations.map((r) => r.name),
    ...relations.flatMap((r) => r.columns.map((c) => c.name)),
  ];
  const base = text.slice(0, text.length - word.length);
  const lower = word.toLowerCase();
  return [...new Set(names)].filter((name) => name.length > word.length && name.toLowerCase().startsWith(lower)).map((name) => base + word + name.slice(word.length));
}

export interface QueryProps extends ScreenProps {
  db: Database;
  /** Told when a statement starts and stops running: Ctrl-C then cancels it instead of quitting. */
  onBusy?(busy: boolean): void;
  /** F1, or `?` on an empty line: the keys of the console. */
  onHelp?(): void;
  /** Told whether a table or column name is on offer to complete: Tab then takes it. */
  onCompletion?(offered: boolean): void;
  env?: NodeJS.ProcessEnv;
  /** Rows held before the person asks for more (PgDn at the end). */
  rowCap?: number;
}

const CHROME = 6; // prompt, mode line, statement, answer line, status line, key hints

/**
 * The seed's SQL console: one statement at a time, read-only unless `\w` turned writes on. Rows come a page at a
 * time as the result is scrolled, up to a cap; a running statement shows its time and is cancelled on the server
 * with Esc or Ctrl-C; an error points at its place in the statement. The history is kept across runs.
 */
export function Query({ db, onBusy, onHelp, onCompletion, isActive, width, height, onBack, env = process.env, rowCap }: QueryProps) {
  const theme = useTheme();
  const file = historyFile(env);
  const [history, setHistory] = useState(() => readHistory(file));
  const [write, setWrite] = useState(false);
  const [recall, setRecall] = useState({ index: history.length, text: '' });
  // A new field for every submit and every recall, so what it holds is exactly what it is given.
  const [fieldKey, setFieldKey] = useState(0);
  // What the field holds and held before the last change: `?` is help only when typed on an empty line.
  const typed = useRef({ text: '', before: '' });
  const statement = useStatement(db, rowCap);
  const { state, busy } = statement;
  // The tables and views with their columns: for \dt, \d name and completion; read again after each statement.
  const catalog = useAsync(() => listRelations(db), [db, state.kind === 'answered' ? state : undefined]);
  const relations = catalog.value ?? [];
  // \dt and \d name answer from the catalog, in place of a statement's rows.
  const [described, setDescribed] = useState<Described>();
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const offerCompletions = (text: string) => {
    const next = completionsOf(text, relations);
    setSuggestions(next);
    onCompletion?.(next.length > 0);
  };
  const now = useNow(state.kind === 'running');

  const answered = described ?? (state.kind === 'answered' ? state : undefined);
  const rows = answered?.rows ?? [];
  const tableHeight = answered && answered.columns.length > 0 ? 1 : 0;
  const visible = Math.max(1, height - CHROME - tableHeight);
  const scroll = useListCursor(rows.length, visible);
  const top = scroll.window.top;
  const page = rows.slice(top, top + visible);
  const table = useTable(answered ? resultColumns(answered.columns) : [], page, width);

  useEffect(() => {
    onBusy?.(busy);
  }, [busy]);
  // A page beyond the window is fetched ahead, so scrolling down finds its rows there.
  useEffect(() => {
    statement.fetchUpTo(top + visible * 2);
  }, [top, visible, answered?.rows.length, state.kind === 'answered' ? state.fetching : undefined]);

  const recallAt = (index: number) => {
    const bounded = Math.max(0, Math.min(history.length, index));
    typed.current = { text: history[bounded] ?? '', before: '' };
    setRecall({ index: bounded, text: history[bounded] ?? '' });
    setFieldKey((k) => k + 1);
  };

  // Letters and arrows edit the statement; the keys that cannot be typed move the history and the result.
  useKeys(
    (key) => {
      const onEmptyLine = typed.current.text === '' || (typed.current.text === '?' && typed.current.before === '');
      if (key.name === 'f1' || (key.text === '?' && onEmptyLine)) {
        // the field may have taken the `?` already: a fresh, empty one
        typed.current = { text: '', before: '' };
        setRecall((r) => ({ ...r, text: '' }));
        setFieldKey((k) => k + 1);
        onHelp?.();
      } else if (busy && key.ctrl && key.name === 'c') statement.cancel();
      else if (key.shift && (key.name === 'left' || key.name === 'right')) table.scroll(key.name === 'left' ? -1 : 1);
      else if (key.name === 'pageup') scroll.move('pageUp');
      else if (key.name === 'pagedown') {
        if (top + visible >= rows.length) statement.fetchUpTo(rows.length + visible, true);
        scroll.move('pageDown');
      } else if (key.name === 'up' || (key.ctrl && key.name === 'p')) recallAt(recall.index - 1);
      else if (key.name === 'down' || (key.ctrl && key.name === 'n')) recallAt(recall.index + 1);
    },
    isActive,
    { textInBursts: true },
  );

  const run = (text: string) => {
    const sql = text.trim();
    typed.current = { text: '', before: '' };
    setFieldKey((k) => k + 1);
    setRecall({ index: history.length, text: '' });
    if (sql === '') return;
    if (sql === '\\w') return setWrite((w) => !w);
    const describe = /^\\d(t|\s+(\S+))$/.exec(sql);
    if (describe) {
      // read now, not from the copy kept for completion: it may be older than a table just made
      listRelations(db).then(
        (fresh) => setDescribed(describeCatalog(fresh, describe[2])),
        (error: Error) => setDescribed({ sql, described: `Error: ${error.message}`, columns: [], rows: [] }),
      );
      return;
    }
    setDescribed(undefined);
    const next = remember(history, sql, file);
    setHistory(next);
    setRecall({ index: next.length, text: '' });
    statement.run(sql, write);
  };

  const mode = write ? 'WRITES ALLOWED: statements can change data (\\w to go back to read-only)' : readOnlyLine(db.readOnly);
  const status = answered && rows.length > 0 ? rowsLabel(top, visible, rows.length) : undefined;
  return (
    <Box flexDirection="column" height={height}>
      <Prompt
        key={fieldKey}
        label="SQL>"
        defaultValue={recall.text}
        placeholder="SELECT ... (Enter runs it)"
        isActive={isActive}
        onChange={(text) => {
          typed.current = { text, before: typed.current.text };
          offerCompletions(text);
        }}
        suggestions={suggestions}
        onSubmit={run}
        onCancel={busy ? statement.cancel : onBack}
      />
      <Line color={write ? theme.warning : theme.muted} parts={[mode]} width={width} />
      <Box flexDirection="column" flexGrow={1}>
        {state.kind === 'running' ? (
          <Box>
            <Spinner type={theme.spinner} />
            <Text>{` Running ${formatDuration(Math.max(0, now - state.startedAt))} (Esc or Ctrl-C cancels it)`}</Text>
          </Box>
        ) : null}
        {described ? <Line color={theme.muted} parts={[described.sql]} width={width} /> : null}
        {!described && state.kind !== 'idle' && state.kind !== 'running' ? <Line color={theme.muted} parts={[state.sql]} width={width} /> : null}
        {!described && state.kind === 'cancelled' ? <Text color={theme.warning}>Cancelled after {formatDuration(state.elapsedMs)}.</Text> : null}
        {!described && state.kind === 'failed' ? (
          <SqlError
            sql={state.sql}
            message={`${state.message}${/read-only transaction/.test(state.message) ? ' (type \\w to allow writes)' : ''}`}
            position={state.position}
            width={width}
          />
        ) : null}
        {answered ? (
          <>
            <Line color={theme.muted} parts={[answerLine(answered)]} width={width} />
            {answered.columns.length > 0 ? <DataTable table={table} rows={page} /> : null}
          </>
        ) : null}
      </Box>
      <Footer status={status} hints={queryHelp.footer} help={queryHelp.help} width={width} />
    </Box>
  );
}
