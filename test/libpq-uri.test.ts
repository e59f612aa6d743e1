import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readConnectionText, type ServerSpec } from '../src/config/conninfo.js';
import { resolveServer } from '../src/config/resolve.js';
import { UserError } from '../src/errors.js';

/**
 * libpq's own URI cases (src/interfaces/libpq/t/001_uri.pl in PostgreSQL), with the output libpq_uri_regress
 * prints: the keywords read, and whether the connection would use a socket (local) or TCP (inet). An error case
 * is `null`: ours must be one sentence that does not repeat the URL (it may hold a password), so libpq's exact
 * words are not compared. Where the app differs on purpose, the row says why.
 */
const CASES: [uri: string, libpq: string | null, env?: Record<string, string>, why?: string][] = [
  ['postgresql://uri-user:secret@host:12345/db', "user='uri-user' password='secret' dbname='db' host='host' port='12345' (inet)"],
  ['postgresql://uri-user@host:12345/db', "user='uri-user' dbname='db' host='host' port='12345' (inet)"],
  ['postgresql://uri-user@host/db', "user='uri-user' dbname='db' host='host' (inet)"],
  ['postgresql://host:12345/db', "dbname='db' host='host' port='12345' (inet)"],
  ['postgresql://host/db', "dbname='db' host='host' (inet)"],
  ['postgresql://uri-user@host:12345/', "user='uri-user' host='host' port='12345' (inet)"],
  ['postgresql://uri-user@host/', "user='uri-user' host='host' (inet)"],
  ['postgresql://uri-user@', "user='uri-user' (local)"],
  ['postgresql://host:12345/', "host='host' port='12345' (inet)"],
  ['postgresql://host:12345', "host='host' port='12345' (inet)"],
  ['postgresql://host/db', "dbname='db' host='host' (inet)"],
  ['postgresql://host/', "host='host' (inet)"],
  ['postgresql://host', "host='host' (inet)"],
  ['postgresql://', '(local)'],
  ['postgresql://?hostaddr=127.0.0.1', "hostaddr='127.0.0.1' (inet)"],
  ['postgresql://example.com?hostaddr=63.1.2.4', "host='example.com' hostaddr='63.1.2.4' (inet)"],
  ['postgresql://%68ost/', "host='host' (inet)"],
  ['postgresql://host/db?user=uri-user', "user='uri-user' dbname='db' host='host' (inet)"],
  ['postgresql://host/db?user=uri-user&port=12345', "user='uri-user' dbname='db' host='host' port='12345' (inet)"],
  ['postgresql://host/db?u%73er=someotheruser&port=12345', "user='someotheruser' dbname='db' host='host' port='12345' (inet)"],
  ['postgresql://host/db?u%7aer=someotheruser&port=12345', null],
  ['postgresql://host:12345?user=uri-user', "user='uri-user' host='host' port='12345' (inet)"],
  ['postgresql://host?user=uri-user', "user='uri-user' host='host' (inet)"],
  ['postgresql://host?', "host='host' (inet)"],
  ['postgresql://[::1]:12345/db', "dbname='db' host='::1' port='12345' (inet)"],
  ['postgresql://[::1]/db', "dbname='db' host='::1' (inet)"],
  ['postgresql://[2001:db8::1234]/', "host='2001:db8::1234' (inet)"],
  ['postgresql://[200z:db8::1234]/', "host='200z:db8::1234' (inet)"],
  ['postgresql://[::1]', "host='::1' (inet)"],
  ['postgres://', '(local)'],
  ['postgres:///', '(local)'],
  ['postgres:///db', "dbname='db' (local)"],
  ['postgres://uri-user@/db', "user='uri-user' dbname='db' (local)"],
  ['postgres://?host=/path/to/socket/dir', "host='/path/to/socket/dir' (local)"],
  ['postgresql://host?uzer=', null],
  ['postgre://', null, {}, 'libpq reads it as a keyword string without `=`; here any other scheme is refused as one'],
  ['postgres://[::1', null],
  ['postgres://[]', null],
  ['postgres://[::1]z', null],
  ['postgresql://host?zzz', null],
  ['postgresql://host?value1&value2', null],
  ['postgresql://host?key=key=value', null],
  ['postgres://host?dbname=%XXfoo', null],
  ['postgresql://a%00b', null],
  ['postgresql://%zz', null],
  ['postgresql://%1', null],
  ['postgresql://%', null],
  ['postgres://@host', "host='host' (inet)"],
  ['postgres://host:/', "host='host' (inet)"],
  ['postgres://:12345/', "port='12345' (local)"],
  ['postgres://otheruser@?host=/no/such/directory', "user='otheruser' host='/no/such/directory' (local)"],
  ['postgres://otheruser@/?host=/no/such/directory', "user='otheruser' host='/no/such/directory' (local)"],
  ['postgres://otheruser@:12345?host=/no/such/socket/path', "user='otheruser' host='/no/such/socket/path' port='12345' (local)"],
  ['postgres://otheruser@:12345/db?host=/path/to/socket', "user='otheruser' dbname='db' host='/path/to/socket' port='12345' (local)"],
  ['postgres://:12345/db?host=/path/to/socket', "dbname='db' host='/path/to/socket' port='12345' (local)"],
  ['postgres://:12345?host=/path/to/socket', "host='/path/to/socket' port='12345' (local)"],
  ['postgres://%2Fvar%2Flib%2Fpostgresql/dbname', "dbname='dbname' host='/var/lib/postgresql' (local)"],
  // libpq_uri_regress leaves out a value equal to the default, which is verify-full with sslrootcert=system
  ['postgresql://host?sslmode=disable', "host='host' sslmode='disable' (inet)", { PGSSLROOTCERT: 'system' }],
  ['postgresql://host?sslmode=prefer', "host='host' sslmode='prefer' (inet)", { PGSSLROOTCERT: 'system' }],
  ['postgresql://host?sslmode=verify-full', "host='host' sslmode='verify-full' (inet)", { PGSSLROOTCERT: 'system' }, 'the default is shown'],
];

/** libpq_uri_regress' output as keywords and local/inet. */
function expected(libpq: string): { spec: ServerSpec; local: boolean } {
  const spec = Object.fromEntries([...libpq.matchAll(/(\w+)='([^']*)'/g)].map((m) => [m[1]!, m[2]!])) as ServerSpec;
  return { spec, local: libpq.endsWith('(local)') };
}

describe("libpq's URI cases (001_uri.pl)", () => {
  for (const [uri, libpq, env = {}, why] of CASES) {
    test(`${uri}${why ? ` (${why})` : ''}`, () => {
      if (libpq === null) {
        assert.throws(
          () => readConnectionText(uri, '--db'),
          (error: unknown) => error instanceof UserError && error.exitCode === 2 && !error.message.includes('\n') && error.message.endsWith('.'),
        );
        return;
      }
      const read = readConnectionText(uri, '--db');
      assert.equal(read.kind, 'server');
      const spec = read.kind === 'server' ? read.spec : {};
      const want = expected(libpq);
      assert.deepEqual(spec, want.spec);
      // libpq checks sslmode against sslrootcert=system when connecting, not when parsing; so does the app
      if (env.PGSSLROOTCERT === 'system' && spec.sslmode !== 'verify-full') {
        assert.throws(() => resolveServer(spec, env), /sslrootcert=system .* verify-full/);
        return;
      }
      assert.equal(resolveServer(spec, { ...env, USER: 'login' }).socket, want.local);
    });
  }
});
