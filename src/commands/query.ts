import type { Row } from '../db/database.js';
import { runQuery } from '../sessions/queries.js';
import { defineCommand, outputFlags } from './command.js';
import { expectArgs } from './flag-values.js';
import { outputFormat, printRows, type Column } from './output.js';
import { withDatabase } from './with-database.js';

/** Objects and arrays (json, arrays) print as JSON in a cell; everything else as its text. */
function cell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return value instanceof Uint8Array ? `\\x${Buffer.from(value).toString('hex')}` : JSON.stringify(value);
  return value as string | number | boolean;
}

export const queryCommand = defineCommand({
  name: 'query',
  args: '"<sql>"',
  summary: 'run one SQL statement (read-only unless --write) and print its rows',
  flags: {
    write: { type: 'boolean', description: 'allow the statement to change data' },
    ...outputFlags,
  },
  examples: [
    'query "SELECT outcome, count(*) FROM sessions WHERE NOT ride_aware GROUP BY 1"',
    'query "SELECT * FROM session_events WHERE user_key = \'5a3f...\' AND NOT ride_aware" --csv',
  ],
  async run(context) {
    expectArgs('query', context.args, ['sql']);
    const format = outputFormat(context.flags);
    const result = await withDatabase(
      context,
      (db) => runQuery(db, context.args[0]!, { write: context.flags.write === true }),
      async () => {},
    );
    const columns: Column<Row>[] = result.fields.map((field) => ({ header: field, value: (row) => cell(row[field]) }));
    const footer = result.fields.length > 0 ? `(${result.rows.length} rows)` : `(${result.rowCount} rows affected)`;
    printRows(context.io, format, result.rows, columns, { footer });
  },
});
