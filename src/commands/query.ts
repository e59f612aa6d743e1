import type { Cell } from '../db/database.js';
import { answerAsJson, runQuery } from '../sessions/queries.js';
import { defineCommand, outputFlags } from './command.js';
import { expectArgs } from './flag-values.js';
import { outputFormat, renderCsv, renderTable, write, type Column } from '../format/output.js';
import { withDatabase } from './with-database.js';

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
    const answer = await withDatabase(
      context,
      (db) => runQuery(db, context.args[0]!, { write: context.flags.write ?? false }),
      async () => {},
    );
    // Columns by position: two columns of one name are both printed.
    const columns: Column<Cell[]>[] = answer.columns.map((column, i) => ({
      header: column.name,
      value: (row) => row[i],
      align: column.type === 'number' ? 'right' : 'left',
    }));
    if (format === 'json') write(context.io, `${answerAsJson(answer)}\n`);
    else if (format === 'csv') write(context.io, answer.columns.length > 0 ? renderCsv(answer.rows, columns) : '');
    else {
      const footer = answer.columns.length > 0 ? `(${answer.rows.length} rows)` : `(${answer.command})`;
      write(context.io, `${answer.columns.length > 0 ? renderTable(answer.rows, columns) : ''}${footer}\n`);
    }
  },
});
