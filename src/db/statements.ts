/**
 * The statements of a script of ours (sql/), in order, each without its `;`, comments-only pieces dropped.
 *
 * Scripts go to the server one statement at a time: a Citus coordinator passes the text of a DDL statement on to
 * its workers, and when that text holds several statements the workers refuse it ("cannot insert multiple commands
 * into a prepared statement"). Quotes, dollar quotes and comments are skipped whole, so a `;` inside them does not
 * split.
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const text = script.slice(start, end).trim();
    if (stripComments(text).trim() !== '') statements.push(text);
  };
  while (i < script.length) {
    const rest = script.slice(i);
    const ch = script[i]!;
    if (ch === ';') {
      push(i);
      start = ++i;
    } else if (ch === "'" || ch === '"') {
      i = closing(script, i + 1, ch);
    } else if (rest.startsWith('--')) {
      const eol = script.indexOf('\n', i);
      i = eol < 0 ? script.length : eol + 1;
    } else if (rest.startsWith('/*')) {
      const end = script.indexOf('*/', i + 2);
      i = end < 0 ? script.length : end + 2;
    } else if (ch === '$' && /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.test(rest) && !/[A-Za-z0-9_]/.test(script[i - 1] ?? '')) {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest)![0];
      const end = script.indexOf(tag, i + tag.length);
      i = end < 0 ? script.length : end + tag.length;
    } else {
      i++;
    }
  }
  push(script.length);
  return statements;
}

/** Index just past the quote that closes one opened before `from`; a doubled quote is an escaped one. */
function closing(script: string, from: number, quote: string): number {
  let i = from;
  while (i < script.length) {
    if (script[i] === quote) {
      if (script[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return script.length;
}

function stripComments(text: string): string {
  return text.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
}
