import { Box, Text } from 'ink';
import { fit, widthOf } from '../text-width.js';
import { useTheme } from '../theme.js';
import { Line } from './line.js';

/** A field of a row as the detail pane shows it; null reads "-". */
export type Field = readonly [label: string, value: string | number | null];

export interface RecordViewProps {
  title: string;
  fields: readonly Field[];
  /** The first field shown, when they do not all fit. */
  offset: number;
  width: number;
  /** Lines for the title and the fields. */
  height: number;
}

/** Lines a record view has for its fields, its title and its scroll note aside. */
export const fieldLines = (height: number) => Math.max(1, height - 2);

/**
 * One row, all its fields, one a line: label, then value. Fields that do not fit are scrolled to with
 * PgUp/PgDn, and the last line says how many there are on either side.
 */
export function RecordView({ title, fields, offset, width, height }: RecordViewProps) {
  const theme = useTheme();
  const labelWidth = Math.max(...fields.map(([label]) => widthOf(label)));
  const fits = fields.length <= height - 1;
  const room = fits ? fields.length : fieldLines(height);
  const shown = fields.slice(offset, offset + room);
  const valueWidth = Math.max(1, width - labelWidth - 2);
  const below = fields.length - offset - shown.length;
  return (
    <Box flexDirection="column">
      <Line parts={[{ text: title, bold: true }]} width={width} />
      {shown.map(([label, value]) => (
        <Text key={label} wrap="truncate-end">
          <Text color={theme.accent}>{fit(label, labelWidth)}</Text>
          {'  '}
          {fit(value === null ? '-' : String(value), valueWidth, 'left', theme.ellipsis).trimEnd()}
        </Text>
      ))}
      {fits ? null : (
        <Line color={theme.muted} parts={[`fields ${offset + 1}-${offset + shown.length} of ${fields.length}${below > 0 ? ', PgDn for more' : ', PgUp for the first'}`]} width={width} />
      )}
    </Box>
  );
}
