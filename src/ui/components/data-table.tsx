import { Fragment } from 'react';
import { Box, Text } from 'ink';
import type { Table } from '../hooks/use-table.js';
import { GAP, POINTER_WIDTH } from '../table-layout.js';
import { fit } from '../text-width.js';
import { useTheme } from '../theme.js';

export interface DataTableProps<R> {
  table: Table<R>;
  /** The rows on screen, as given to the table. */
  rows: readonly R[];
  /** Index into `rows` of the row under the cursor, if any. */
  selected?: number;
}

/**
 * A list as aligned columns, measured in terminal columns. The cursor row is marked by a pointer and
 * inverse video; `<` and `>` say that columns lie out of view to the left or right.
 */
export function DataTable<R>({ table, rows, selected }: DataTableProps<R>) {
  const theme = useTheme();
  const { layout, sorted, columns, cells } = table;
  const gap = ' '.repeat(GAP);
  const fitted = (text: string, index: number, width: number) => fit(text, width, columns[index]!.align, theme.ellipsis);
  // The sort mark stays when a narrow column cuts its header.
  const header = (index: number, width: number) =>
    index === sorted?.column
      ? fitted(`${fit(columns[index]!.header, width - 2, 'left', theme.ellipsis).trimEnd()} ${sorted.mark}`, index, width)
      : fitted(columns[index]!.header, index, width);
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent} wrap="truncate-end">
        {(layout.hiddenLeft > 0 ? '<' : '').padEnd(POINTER_WIDTH)}
        {layout.shown.map(({ index, width }) => header(index, width)).join(gap)}
        {layout.hiddenRight > 0 ? ' >' : ''}
      </Text>
      {rows.map((row, r) => {
        const isSelected = r === selected;
        return (
          <Text key={r} inverse={isSelected} wrap="truncate-end">
            {isSelected ? `${theme.pointer} ` : ' '.repeat(POINTER_WIDTH)}
            {layout.shown.map(({ index, width }, at) => {
              const text = fitted(cells[r]![index]!, index, width);
              const draw = columns[index]!.cell;
              return (
                <Fragment key={index}>
                  {at > 0 ? gap : ''}
                  {draw ? draw(row, text) : text}
                </Fragment>
              );
            })}
          </Text>
        );
      })}
    </Box>
  );
}
