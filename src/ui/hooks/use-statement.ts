import { useEffect, useRef, useState } from 'react';
import type { Cell, Database, Statement, StatementColumn } from '../../db/database.js';

/** Rows fetched with the answer's first page, then per round trip as the result is scrolled. */
const FIRST_PAGE = 200;
const PAGE = 1_000;
/** Rows held at most until the person asks for more: a `SELECT *` of millions of rows costs only what is read. */
export const ROW_CAP = 10_000;

export interface Answer {
  kind: 'answered';
  sql: string;
  columns: readonly StatementColumn[];
  rows: readonly Cell[][];
  /** Set once every row has been fetched. */
  finished?: { command: string; rowCount: number };
  elapsedMs: number;
  /** Rows held now at most; raised by the person, a cap at a time. */
  cap: number;
  fetching: boolean;
  /** Cancelled while fetching: the rows so far stay, no more can come. */
  stopped?: boolean;
}

export type StatementState =
  | { kind: 'idle' }
  | { kind: 'running'; sql: string; startedAt: number }
  | { kind: 'cancelled'; sql: string; elapsedMs: number }
  | { kind: 'failed'; sql: string; message: string; /** 1-based character of the statement the error points at */ position?: number }
  | Answer;

function isCancel(error: unknown): boolean {
  return (error as { code?: string }).code === '57014';
}

/** The statement that is open now, and what has been read of it (kept here, not in React state: fetches run on). */
interface Open {
  controller: AbortController;
  statement?: Statement;
  answer?: Answer;
  /** Rows asked for so far; a fetch goes on until it holds them. */
  wanted: number;
}

/**
 * One statement of the console at a time: it runs, can be cancelled on the server while it runs (or while it
 * fetches), and its rows are fetched as they are wanted, up to a cap. The statement's transaction ends (a write
 * commits) once every row is fetched, when the next statement runs, or when the console goes away.
 */
export function useStatement(db: Database, rowCap = ROW_CAP) {
  const [state, setState] = useState<StatementState>({ kind: 'idle' });
  const open = useRef<Open | undefined>(undefined);

  const release = (current = open.current) => {
    if (open.current === current) open.current = undefined;
    current?.controller.abort();
    void current?.statement?.close().catch(() => {});
  };
  useEffect(() => () => release(), []);

  const show = (current: Open) => {
    if (open.current === current && current.answer) setState({ ...current.answer });
  };

  const fail = (current: Open, sql: string, startedAt: number, error: unknown) => {
    if (open.current !== current) return;
    // Esc may land before the statement reached the server (the abort then rejects on our side, not as 57014)
    const cancelled = isCancel(error) || current.controller.signal.aborted;
    release(current);
    if (cancelled) return setState({ kind: 'cancelled', sql, elapsedMs: Date.now() - startedAt });
    const position = Number((error as { position?: string }).position);
    setState({ kind: 'failed', sql, message: (error as Error).message, ...(position > 0 ? { position } : {}) });
  };

  const run = (sql: string, write: boolean) => {
    release();
    const current: Open = { controller: new AbortController(), wanted: 0 };
    open.current = current;
    const startedAt = Date.now();
    setState({ kind: 'running', sql, startedAt });
    db.openStatement(sql, { write, signal: current.controller.signal, firstRows: FIRST_PAGE }).then(
      (statement) => {
        if (open.current !== current) return void statement.close().catch(() => {});
        current.statement = statement;
        const { columns, firstRows, finished } = statement;
        current.answer = { kind: 'answered', sql, columns, rows: firstRows, finished, elapsedMs: Date.now() - startedAt, cap: rowCap, fetching: false };
        show(current);
        // every row is here: the transaction ends now (a write commits)
        if (finished) release(current);
      },
      (error: unknown) => fail(current, sql, startedAt, error),
    );
  };

  const fetch = async (current: Open): Promise<void> => {
    const { answer, statement } = current;
    if (!answer || !statement) return;
    answer.fetching = true;
    show(current);
    try {
      while (open.current === current && answer.rows.length < current.wanted && !answer.finished) {
        const page = await statement.next(Math.min(PAGE, answer.cap - answer.rows.length));
        answer.rows = [...answer.rows, ...page];
        answer.finished = statement.finished;
        if (page.length === 0) break;
      }
      answer.fetching = false;
      show(current);
      if (answer.finished) release(current);
    } catch (error) {
      if (!isCancel(error)) return fail(current, answer.sql, Date.now(), error);
      Object.assign(answer, { fetching: false, stopped: true });
      show(current);
      release(current);
    }
  };

  /**
   * Makes sure `wanted` rows are held (as far as the cap and the rows go). With `raiseCap`, a person at the end of
   * the rows held asks for the next cap's worth.
   */
  const fetchUpTo = (wanted: number, raiseCap = false) => {
    const current = open.current;
    const answer = current?.answer;
    if (!current || !answer || answer.finished || answer.stopped) return;
    if (raiseCap && answer.rows.length >= answer.cap) answer.cap += rowCap;
    current.wanted = Math.max(current.wanted, Math.min(wanted, answer.cap));
    if (!answer.fetching && answer.rows.length < current.wanted) void fetch(current);
    else show(current);
  };

  /** Stops the running statement, or the fetch in flight, on the server. */
  const cancel = () => open.current?.controller.abort();

  const busy = state.kind === 'running' || (state.kind === 'answered' && state.fetching);
  return { state, busy, run, cancel, fetchUpTo };
}
