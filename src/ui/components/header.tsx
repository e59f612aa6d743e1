import React from 'react';
import { Box, Text } from 'ink';
import { tabs, type Tab } from '../navigation.js';
import { useTheme } from '../theme.js';

const tabTitles: Record<Tab, string> = { users: 'Users', stats: 'Stats', query: 'Query' };

/** The breadcrumb of where we are, and the tabs with the current one bracketed (it reads without colour). */
export function Header({ trail, tab }: { trail: readonly string[]; tab?: Tab }) {
  const theme = useTheme();
  return (
    <Box justifyContent="space-between">
      <Box flexShrink={1} marginRight={2}>
        <Text wrap="truncate-end">
          <Text bold color={theme.accent}>
            session-explorer
          </Text>
          {trail.length > 0 ? `  ${trail.join(' > ')}` : ''}
        </Text>
      </Box>
      {tab ? (
        <Box flexShrink={0}>
          <Text>
            {tabs.map((t) => (t === tab ? `[${tabTitles[t]}]` : ` ${tabTitles[t]} `)).join(' ')}
            <Text color={theme.muted}> (Tab)</Text>
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
