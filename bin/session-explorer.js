#!/usr/bin/env node
// The installed command (`npm link`, `npx session-explorer`): the TypeScript sources run through tsx, as `npm start` does.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.tsx');
