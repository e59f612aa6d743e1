import React from 'react';
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';

export interface FooterProps {
  /** Where the list is and how it is ordered, e.g. "rows 41-80 of 12,345  sort: sessions". */
  status?: string;
  /** The screen's most useful keys. */
  hints: string;
}

/** The bottom of a screen: its status line, then its key hints. */
export function Footer({ status, hints }: FooterProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {status ? <Text wrap="truncate-end">{status}</Text> : null}
      <Text color={theme.muted} wrap="truncate-end">
        {hints}
      </Text>
    </Box>
  );
}
