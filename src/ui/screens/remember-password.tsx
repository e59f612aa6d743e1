import { Box, Text } from 'ink';
import { passwordFile } from '../../config/resolve.js';
import { Menu } from '../components/menu.js';
import { useTheme } from '../theme.js';

/** A typed password lives in memory for this run; this asks whether to keep it in ~/.pgpass for the next ones. */
export function RememberPassword({ onAnswer, env = process.env }: { onAnswer(remember: boolean): void; env?: NodeJS.ProcessEnv }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text>The profile is saved without the password you typed: it is kept in memory for this run only.</Text>
      <Text color={theme.muted}>To connect next time without typing it, it can go to {passwordFile(env)} (mode 0600), where psql finds it too.</Text>
      <Menu
        options={[
          { value: 'no', label: 'Keep it for this run only' },
          { value: 'yes', label: `Remember it in ${passwordFile(env)}` },
        ]}
        initial="no"
        onSelect={(value) => onAnswer(value === 'yes')}
        onBack={() => onAnswer(false)}
      />
    </Box>
  );
}
