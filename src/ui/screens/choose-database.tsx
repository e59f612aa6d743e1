import { Box, Text } from 'ink';
import { Menu } from '../components/menu.js';
import { useTheme } from '../theme.js';

export type DatabaseKind = 'embedded' | 'server';

/** The first question of the setup: the embedded database is the highlighted default, so Enter alone works. */
export function ChooseDatabase({ dataDir, onChoose, onQuit }: { dataDir: string; onChoose(kind: DatabaseKind): void; onQuit(): void }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold>Welcome to session-explorer. Where should the events live?</Text>
      <Text color={theme.muted}>Press Enter for the embedded database; arrows or j/k to choose.</Text>
      <Box marginTop={1}>
        <Menu
          options={[
            {
              value: 'embedded',
              label: 'Embedded database (recommended: nothing to install)',
              hint: `PostgreSQL inside this app, stored in ${dataDir}`,
            },
            { value: 'server', label: 'PostgreSQL server', hint: 'a server you run: URL, or host, port, database and user' },
          ]}
          initial="embedded"
          onSelect={onChoose}
          onBack={onQuit}
          onQuit={onQuit}
        />
      </Box>
    </Box>
  );
}
