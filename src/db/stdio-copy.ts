import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Readable, Writable } from 'node:stream';

/**
 * Which way a person's statement copies through the client, read from its text as PostgreSQL's grammar allows:
 * `COPY name [(columns)] FROM|TO ...` or `COPY (query) TO ...`, so the first FROM or TO outside parentheses, quotes
 * and comments is the direction (both are reserved words: no bare table is named so), and the word after it says
 * whether the data comes through the client (STDIN or STDOUT) or stays on the server (a file or a program).
 * Undefined for anything else, which runs as an ordinary statement.
 */
export function stdioCopyOf(sql: string): 'in' | 'out' | undefined {
  const words = topLevelWords(sql);
  if (words[0] !== 'copy') return undefined;
  const at = words.findIndex((word) => word === 'from' || word === 'to');
  if (at < 0) return undefined;
  // the grammar takes either word for the client, whichever the direction (`COPY t TO STDIN` writes to the client)
  if (words[at + 1] !== 'stdin' && words[at + 1] !== 'stdout') return undefined;
  return words[at] === 'from' ? 'in' : 'out';
}

/** The bare words of `sql` outside quotes, dollar quotes, comments and parentheses, lower-cased; a quoted piece counts as one word (`"`). */
function topLevelWords(sql: string): string[] {
  const words: string[] = [];
  let depth = 0;
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    const ch = sql[i]!;
    const dollar = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest);
    if (rest.startsWith('--')) {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? sql.length : eol + 1;
    } else if (rest.startsWith('/*')) {
      // block comments nest in PostgreSQL
      let nesting = 0;
      while (i < sql.length) {
        if (sql.startsWith('/*', i)) (nesting++, (i += 2));
        else if (sql.startsWith('*/', i)) {
          i += 2;
          if (--nesting === 0) break;
        } else i++;
      }
    } else if (ch === "'" || ch === '"') {
      i = closing(sql, i + 1, ch);
      if (depth === 0) words.push(ch);
    } else if (dollar) {
      const end = sql.indexOf(dollar[0], i + dollar[0].length);
      i = end < 0 ? sql.length : end + dollar[0].length;
      if (depth === 0) words.push("'");
    } else if (ch === '(') (depth++, i++);
    else if (ch === ')') (depth = Math.max(0, depth - 1), i++);
    else if (/[A-Za-z_]/.test(ch)) {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(rest)![0];
      if (depth === 0) words.push(word.toLowerCase());
      i += word.length;
    } else i++;
  }
  return words;
}

/** Index just past the quote that closes one opened before `from`; a doubled quote is an escaped one. */
function closing(sql: string, from: number, quote: string): number {
  let i = from;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

/** The parts of node-postgres's connection that the extended protocol needs here (its types leave them out). */
interface Wire {
  parse(query: { text: string }): void;
  bind(config: object): void;
  execute(config: object): void;
  flush(): void;
  sync(): void;
  once(event: 'bindComplete', listener: () => void): void;
  removeListener(event: 'bindComplete', listener: () => void): void;
}

interface CopyInternals {
  connection: Wire | null;
  _attach(): void;
  handleError(error: Error): void;
  handleCommandComplete(message: { text: string }): void;
}

/**
 * pg-copy-streams sends its COPY with the simple protocol, which takes several statements in one text: `COPY ... TO
 * STDOUT; COMMIT; DELETE ...` would end the read-only transaction around it. Here the same streams send the
 * person's text as one extended-protocol statement (Parse, Bind, Execute), which the server refuses to split.
 */

/** `COPY ... TO STDOUT`: its output as it arrives, ending with the statement; `rowCount` once it has ended. */
export function copyOutStream(sql: string): Readable & pg.Submittable & { rowCount: number } {
  const stream = copyTo(sql) as ReturnType<typeof copyTo> & CopyInternals;
  const base = Object.getPrototypeOf(stream) as CopyInternals;
  let attach: (() => void) | undefined;
  stream.submit = (connection) => {
    const wire = connection as unknown as Wire;
    stream.connection = wire;
    // pg-copy-streams reads the socket itself from the first message on: it must take over only once the parse and
    // bind answers have gone by, just before the server starts copying.
    attach = () => {
      attach = undefined;
      base._attach.call(stream);
      wire.execute({});
      wire.sync();
    };
    wire.once('bindComplete', attach);
    wire.parse({ text: sql });
    wire.bind({});
    wire.flush();
  };
  stream.handleError = (error: Error) => {
    const wire = stream.connection;
    // an error before the copy began (a syntax error): the server waits for a Sync before it answers again
    if (attach && wire) {
      wire.removeListener('bindComplete', attach);
      wire.sync();
    }
    base.handleError.call(stream, error);
  };
  return stream;
}

/** What pg-copy-streams's writable keeps of a copy in progress. */
interface CopyInInternals extends CopyInternals {
  _gotCopyInResponse: boolean;
  cb_CopyInResponse: (() => void) | null;
  cb_ReadyForQuery: (() => void) | null;
  flush(callback: () => void): void;
}

/** `COPY ... FROM STDIN`: write the data into it and end it; it finishes once the server has committed the copy. */
export function copyInStream(sql: string): Writable & pg.Submittable & { rowCount: number } {
  const stream = copyFrom(sql) as ReturnType<typeof copyFrom> & CopyInInternals;
  const base = Object.getPrototypeOf(stream) as CopyInternals;
  let wire: Wire & { endCopyFrom(): void };
  let synced = false;
  const sync = () => {
    if (synced) return;
    synced = true;
    wire.sync();
  };
  stream.submit = (connection) => {
    wire = connection as unknown as typeof wire;
    stream.connection = wire;
    // No Sync yet: the server ignores one that arrives while it copies, and would then never answer.
    wire.parse({ text: sql });
    wire.bind({});
    wire.execute({});
    wire.flush();
  };
  // The data's end, then the Sync that makes the server answer (with the command tag, or the copy's error).
  stream._final = (callback: (error?: Error | null) => void) => {
    stream.cb_ReadyForQuery = () => callback();
    const finish = () => {
      wire.endCopyFrom();
      sync();
    };
    if (stream._gotCopyInResponse) stream.flush(finish);
    else stream.cb_CopyInResponse = finish;
  };
  stream.handleError = (error: Error) => {
    // after an error the server skips everything up to a Sync: one, whether or not the data's end already sent it
    sync();
    base.handleError.call(stream, error);
  };
  return stream;
}
