import React, { type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { fit, type Align } from '../text-width.js';
import { useTheme } from '../theme.js';

export interface Column<R> {
  header: string;
  width: number;
  align?: Align;
  /** Takes the width left over by the other columns (one column per table). */
  grow?: boolean;
  text(row: R): string;
  /** Draws the cell when plain text is not enough (an outcome in its colour); gets the fitted text. */
  cell?(row: R, fitted: string): ReactNode;
}

export interface DataTableProps<R> {
  columns: readonly Column<R>[];
  /** The visible rows only: the caller windows the list. */
  rows: readonly R[];
  /** Index into `rows` of the row under the cursor, if any. */
  selected?: number;
  width: number;
}

const GAP = 2;
const POINTER_WIDTH = 2;

export function columnWidths<R>(columns: readonly Column<R>[], width: number): number[] {
  const fixed = columns.reduce((sum, c) => sum + (c.grow ? 0 : c.width), 0);
  const spare = width - POINTER_WIDTH - fixed - GAP * (columns.length - 1);
  // A narrow terminal squeezes the growing column first; the rows are cut at the edge anyway.
  return columns.map((c) => (c.grow ? Math.max(4, spare) : c.width));
}

/** A list as aligned columns with the cursor row marked by a pointer and inverse video. */
export function DataTable<R>({ columns, rows, selected, width }: DataTableProps<R>) {
  const theme = useTheme();
  const widths = columnWidths(columns, width);
  const gap = ' '.repeat(GAP);
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent} wrap="truncate-end">
        {' '.repeat(POINTER_WIDTH)}
        {columns.map((c, i) => fit(c.header, widths[i]!, c.align)).join(gap)}
      </Text>
      {rows.map((row, index) => {
        const isSelected = index === selected;
        return (
          <Text key={index} inverse={isSelected} wrap="truncate-end">
            {isSelected ? `${theme.pointer} ` : '  '}
            {columns.map((c, i) => {
              const fitted = fit(c.text(row), widths[i]!, c.align);
              return (
                <React.Fragment key={i}>
                  {i > 0 ? gap : ''}
                  {c.cell ? c.cell(row, fitted) : fitted}
                </React.Fragment>
              );
            })}
          </Text>
        );
      })}
    </Box>
  );
}
