#!/usr/bin/env node
// The command (`npm start`, `npm link`, `npx session-explorer`): the compiled JavaScript in dist/, rebuilt first when
// the sources changed since it was built. `npm run dev` runs the TypeScript sources through tsx instead.
import module from 'node:module';
import { ensureBuilt } from './build.js';

// Node 22.1 and later keep V8's compiled code of our modules and packages between runs (none on Node 20)
/** @type {{ enableCompileCache?: () => unknown }} */ (module).enableCompileCache?.();
ensureBuilt();
// a computed specifier: the type checker reads the sources, not their compiled copy
await import(new URL('../dist/cli.js', import.meta.url).href);
