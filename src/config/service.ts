import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import { KEYWORD_VARIABLES, type Keyword, type ServerSpec } from './conninfo.js';

/**
 * Where libpq looks for pg_service.conf when PGSYSCONFDIR is not set: the folder it was built with, which is
 * /etc/postgresql-common for Debian's and Ubuntu's packages, /etc/sysconfig/pgsql for the PostgreSQL RPMs and
 * /usr/local/pgsql/etc for a build from source. The first that holds the file is read.
 */
const SYSTEM_FOLDERS = ['/etc/postgresql-common', '/etc/sysconfig/pgsql', '/usr/local/pgsql/etc'];

export interface ServiceSettings {
  /** The file the service was found in, to name where a setting came from. */
  file: string;
  spec: ServerSpec;
}

/**
 * Reads one `[name]` section of a service file as libpq's parseServiceFile does: `keyword=value` lines, nothing
 * trimmed inside them, `#` comments, the first value of a repeated keyword kept. Returns undefined when the file has
 * no such section. A line libpq would call a syntax error is one here, with its number (never its value).
 */
function readSection(file: string, name: string): ServerSpec | undefined {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  let spec: ServerSpec | undefined;
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(/^\s+/, '').replace(/\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      if (spec) return spec;
      if (line.startsWith(`[${name}]`)) spec = {};
      continue;
    }
    if (!spec) continue;
    const equals = line.indexOf('=');
    const keyword = equals === -1 ? '' : line.slice(0, equals);
    const where = `the service file ${file}, line ${index + 1}`;
    if (keyword === 'service') throw new UserError(`${where} names another service, which libpq does not allow.`, 2);
    if (!Object.hasOwn(KEYWORD_VARIABLES, keyword)) {
      throw new UserError(`${where} is not a libpq setting (keyword=value, with no spaces around the =).`, 2);
    }
    spec[keyword as Keyword] ??= line.slice(equals + 1);
  }
  return spec;
}

/**
 * The settings of service `name`, found as libpq finds them: PGSERVICEFILE (or ~/.pg_service.conf) first, then
 * pg_service.conf in PGSYSCONFDIR (or the system folder). A service found nowhere is an error, as in libpq.
 */
export function readService(name: string, env: NodeJS.ProcessEnv): ServiceSettings {
  const home = env.HOME || os.homedir();
  const systemFolder = env.PGSYSCONFDIR || SYSTEM_FOLDERS.find((folder) => fs.existsSync(path.join(folder, 'pg_service.conf'))) || SYSTEM_FOLDERS[0]!;
  const files = [env.PGSERVICEFILE || path.join(home, '.pg_service.conf'), path.join(systemFolder, 'pg_service.conf')];
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    let spec: ServerSpec | undefined;
    try {
      spec = readSection(file, name);
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError(`Cannot read the service file ${file}: ${(error as Error).message}.`, 2);
    }
    if (spec) return { file, spec };
  }
  throw new UserError(`The service "${name}" is not defined in ${files.join(' or ')}.`, 2);
}
