import type { Cell, StatementColumn } from '../db/database.js';
import { UserError } from '../errors.js';
import { rowAsJson, statementPages, STATEMENT_PAGE } from '../sessions/queries.js';
import { defineCommand, outputFlags } from './command.js';
import { expectArgs } from './flag-values.js';
import { counted } from '../format/values.js';
import { outputFormat, rowWriter, writeInTurn, type Column } from '../format/output.js';
import { withDatabase } from './with-database.js';

/** Columns by position: two columns of one name are both printed. */
function cellColumns(columns: readonly StatementColumn[]): Column<readonly Cell[]>[] {
  return columns.map((column, i) => ({
    header: column.name,
    value: (row) => row[i],
    align: column.type === 'number' ? 'right' : 'left',
  }));
}

export const queryCommand = defineCommand({
  name: 'query',
  args: '"<sql>"',
  summary: 'run one SQL statement (read-only unless --write) and print every row as it arrives',
  flags: {
    write: { type: 'boolean', description: 'allow the statement to change data (and COPY ... FROM STDIN to read standard input)' },
    ...outputFlags,
  },
  examples: [
    'query "SELECT outcome, count(*) FROM sessions WHERE NOT ride_aware GROUP BY 1"',
    'query "SELECT * FROM session_events WHERE user_key = \'5a3f...\' AND NOT ride_aware" --csv',
    'query "COPY sessions TO STDOUT (FORMAT csv, HEADER)" > sessions.csv',
  ],
  async run(context) {
    expectArgs('query', context.args, ['sql']);
    const format = outputFormat(context.flags);
    const write = context.flags.write ?? false;
    const { io } = context;
    // Ctrl-C cancels the statement on the server (PostgreSQL's cancel request) before the command exits; a second one leaves at once.
    const controller = new AbortController();
    const onSigint = () => {
      if (controller.signal.aborted) process.exit(130);
      io.stderr.write('\nCancelling the statement on the server (Ctrl-C again to quit at once)...\n');
      controller.abort();
    };
    process.on('SIGINT', onSigint);
    try {
      await withDatabase(
        context,
        async (db) => {
          const statement = await db.openStatement(context.args[0]!, {
            write,
            signal: controller.signal,
            firstRows: STATEMENT_PAGE,
            copyOut: true,
            // a terminal is no data file: COPY FROM STDIN is then refused with a word on piping the data in
            copyIn: write && !process.stdin.isTTY ? process.stdin : undefined,
          });
          try {
            if (statement.copyOut) {
              // the output is the data, as the server wrote it: no footer
              for await (const chunk of statement.copyOut) if (!(await writeInTurn(io, chunk as Buffer))) break;
              return;
            }
            if (statement.columns.length === 0) {
              if (format === 'table') await writeInTurn(io, `(${statement.finished?.command ?? 'done'})\n`);
              else if (format === 'json') await writeInTurn(io, '[]\n');
              return;
            }
            const writer = rowWriter(io, format, cellColumns(statement.columns), {
              json: rowAsJson(statement.columns),
              csv: () => cellColumns(statement.columns),
            });
            let rows = 0;
            for await (const page of statementPages(statement)) {
              if (!(await writer.page(page))) return;
              rows += page.length;
            }
            await writer.end(`(${counted(rows, 'row')})`);
          } finally {
            await statement.close();
          }
        },
        async () => {},
      );
    } catch (error) {
      if (controller.signal.aborted) throw new UserError('Cancelled: the statement was stopped on the server.', 130, { cause: error });
      throw error;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
});
