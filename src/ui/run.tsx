import React from 'react';
import { render, Text } from 'ink';

export interface AppOptions {
  db?: string;
  configFile?: string;
}

export async function runApp(_options: AppOptions): Promise<number> {
  const app = render(<Text>session-explorer: the terminal app is being built.</Text>);
  app.unmount();
  await app.waitUntilExit();
  return 0;
}
