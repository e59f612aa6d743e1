import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ConnectionError, openDatabase } from '../src/db/connect.js';
import { targetFromText } from '../src/config/target.js';
import { pgpassKey, resolveServer } from '../src/config/resolve.js';
import { appendPgpass } from '../src/config/pgpass.js';
import { UserError } from '../src/errors.js';
import { tempDir } from './support/files.js';
import { startTlsServer, type TlsServer } from './support/tls-server.js';

let server: TlsServer;
const home = tempDir('se-tls-home-');

before(async () => {
  server = await startTlsServer();
});
after(async () => {
  await server?.stop();
});

/** A home with no ~/.postgresql, the password in PGPASSWORD, nothing else from this machine. */
const baseEnv = (more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  HOME: home,
  USER: 'nobody-here',
  PGPASSWORD: server.password,
  PGPASSFILE: path.join(home, 'no-pgpass'),
  ...more,
});

const tcp = (settings: string) => `host=localhost hostaddr=127.0.0.1 port=${server.port} user=${server.user} dbname=${server.database} ${settings}`;

/** Whether the session the app opened is encrypted, as the server sees it. */
async function encrypted(text: string, env: NodeJS.ProcessEnv = baseEnv()): Promise<boolean> {
  const db = await openDatabase(targetFromText(text, '--db'), { env });
  try {
    const { rows } = await db.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    return rows[0]!.ssl;
  } finally {
    await db.close();
  }
}

async function failure(text: string, env: NodeJS.ProcessEnv = baseEnv()): Promise<Error> {
  const result = await openDatabase(targetFromText(text, '--db'), { env }).then(
    async (db) => {
      await db.close();
      return undefined;
    },
    (error: Error) => error,
  );
  assert.ok(result, `${text} connected`);
  assert.ok(result instanceof UserError, String(result));
  assert.ok(!result.message.includes(server.password));
  assert.ok(!result.message.includes('\n'), result.message);
  return result;
}

describe('TLS as asked for, with a private certificate authority', () => {
  test('require, verify-ca and verify-full pass; ssl=true is require; disable and allow stay plain; prefer encrypts', async () => {
    assert.equal(await encrypted(tcp('sslmode=require')), true);
    assert.equal(await encrypted(tcp(`sslmode=verify-ca sslrootcert=${server.ca}`)), true);
    assert.equal(await encrypted(tcp(`sslmode=verify-full sslrootcert=${server.ca}`)), true);
    assert.equal(await encrypted(`postgresql://${server.user}@localhost:${server.port}/${server.database}?hostaddr=127.0.0.1&ssl=true`), true);
    assert.equal(await encrypted(tcp('sslmode=disable')), false);
    assert.equal(await encrypted(tcp('sslmode=allow')), false);
    assert.equal(await encrypted(tcp('')), true, 'the default is prefer, as in libpq');
  });

  test('PGSSLROOTCERT and PGSSLMODE work as the keywords do', async () => {
    assert.equal(await encrypted(tcp(''), baseEnv({ PGSSLMODE: 'verify-full', PGSSLROOTCERT: server.ca })), true);
    const error = await failure(tcp(''), baseEnv({ PGSSLMODE: 'verify-ca', PGSSLROOTCERT: server.otherCa }));
    assert.match(error.message, /does not verify against the root certificate \(sslrootcert\)/);
  });

  test('a wrong authority fails verify-ca and verify-full, and require too once ~/.postgresql/root.crt exists (libpq checks then)', async () => {
    for (const mode of ['verify-ca', 'verify-full']) {
      const error = await failure(tcp(`sslmode=${mode} sslrootcert=${server.otherCa}`));
      assert.ok(error instanceof ConnectionError);
      assert.match(error.message, /does not verify against the root certificate/);
    }
    const withRoot = tempDir('se-tls-root-');
    fs.mkdirSync(path.join(withRoot, '.postgresql'));
    fs.copyFileSync(server.otherCa, path.join(withRoot, '.postgresql', 'root.crt'));
    await failure(tcp('sslmode=require'), baseEnv({ HOME: withRoot }));
    fs.copyFileSync(server.ca, path.join(withRoot, '.postgresql', 'root.crt'));
    assert.equal(await encrypted(tcp('sslmode=verify-full'), baseEnv({ HOME: withRoot })), true, 'root.crt is the default sslrootcert');
  });

  test('a host name the certificate does not carry fails verify-full only', async () => {
    const other = `host=db.other.example hostaddr=127.0.0.1 port=${server.port} user=${server.user} dbname=${server.database} sslrootcert=${server.ca}`;
    const error = await failure(`${other} sslmode=verify-full`);
    assert.ok(error instanceof ConnectionError && error.field === 'host');
    assert.match(error.message, /certificate for another host name/);
    assert.equal(await encrypted(`${other} sslmode=verify-ca`), true);
  });

  test('a revocation list (sslcrl) that revokes the server\'s certificate fails; one that does not passes', async () => {
    assert.equal(await encrypted(tcp(`sslmode=verify-ca sslrootcert=${server.ca} sslcrl=${server.emptyCrl}`)), true);
    const error = await failure(tcp(`sslmode=verify-ca sslrootcert=${server.ca} sslcrl=${server.revokedCrl}`));
    assert.ok(error instanceof ConnectionError && error.code === 'CERT_REVOKED', `${error.message} (${(error as ConnectionError).code})`);
  });

  test('verify-ca without any root certificate is refused before connecting, as libpq does', async () => {
    const error = await failure(tcp('sslmode=verify-ca'));
    assert.ok(!(error instanceof ConnectionError));
    assert.match(error.message, /root\.crt does not exist: give sslrootcert/);
  });

  test('a client certificate and key (sslcert, sslkey) let certuser in without a password', async () => {
    const text = `host=localhost hostaddr=127.0.0.1 port=${server.port} user=certuser dbname=postgres sslmode=verify-full sslrootcert=${server.ca} sslcert=${server.clientCert} sslkey=${server.clientKey}`;
    assert.equal(await encrypted(text, baseEnv({ PGPASSWORD: '' })), true);
    const encrypted_ = `${text.replace(server.clientKey, server.encryptedClientKey)} sslpassword=${server.keyPassword}`;
    assert.equal(await encrypted(encrypted_, baseEnv({ PGPASSWORD: '' })), true, 'an encrypted key opened with sslpassword');
    const wrong = await failure(encrypted_.replace(server.keyPassword, 'Wrong-key-pw-3'), baseEnv({ PGPASSWORD: '' }));
    assert.ok(!wrong.message.includes('Wrong-key-pw-3') && !wrong.message.includes(server.keyPassword), wrong.message);
    fs.chmodSync(server.clientKey, 0o644);
    try {
      assert.match((await failure(text)).message, /can be read by others/);
    } finally {
      fs.chmodSync(server.clientKey, 0o600);
    }
  });
});

describe('pgpass for a socket folder, under libpq rules', () => {
  test('setup writes the line libpq looks for, and the next connection finds it', async () => {
    const passfile = path.join(tempDir('se-tls-pgpass-'), 'pgpass');
    const spec = { host: server.socketFolder, port: String(server.port), dbname: server.database, user: server.user, passfile };
    const settings = resolveServer(spec, baseEnv());
    assert.equal(pgpassKey(settings).host, server.socketFolder, 'not the default folder: matched by its path');
    // what the setup's "remember the password" does
    appendPgpass(settings.passfile, pgpassKey(settings), server.password);
    assert.equal(await encrypted(`host=${server.socketFolder} port=${server.port} dbname=${server.database} user=${server.user} passfile=${passfile}`, baseEnv({ PGPASSWORD: '' })), false);
  });

  test('a `localhost` line is not used for a socket folder that is not the default one', async () => {
    const passfile = path.join(tempDir('se-tls-pgpass-'), 'pgpass');
    fs.writeFileSync(passfile, `localhost:${server.port}:*:${server.user}:${server.password}\n`, { mode: 0o600 });
    const error = await failure(`postgresql://${server.user}@:${server.port}/${server.database}?host=${encodeURIComponent(server.socketFolder)}&passfile=${encodeURIComponent(passfile)}`, baseEnv({ PGPASSWORD: '' }));
    assert.ok(error instanceof ConnectionError && error.field === 'password');
    assert.match(error.message, /asks for a password and none was given/);
  });
});
