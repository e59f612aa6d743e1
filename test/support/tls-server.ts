import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runAs, serverAccount } from '../../src/db/embedded/account.js';
import { freePort } from '../../scripts/free-port.js';

/** The machine's PostgreSQL 15, which the shared test server runs too. */
const BIN = '/usr/lib/postgresql/15/bin';

/**
 * A private PostgreSQL 15 with TLS, its certificate signed by a certificate authority made here: TCP on 127.0.0.1
 * and a socket in a folder of its own, passwords asked on both (scram-sha-256), and `certuser` let in by a client
 * certificate from the same authority.
 */
export interface TlsServer {
  port: number;
  /** The folder of its socket: not the default one. */
  socketFolder: string;
  /** The authority that signed the server's certificate, which names `localhost` only. */
  ca: string;
  /** Another authority, which signed nothing of this server. */
  otherCa: string;
  /** Revocation lists of `ca`: nothing revoked, and the server's certificate revoked. */
  emptyCrl: string;
  revokedCrl: string;
  /** `certuser`'s certificate and key (0600), and the same key encrypted with `keyPassword`. */
  clientCert: string;
  clientKey: string;
  encryptedClientKey: string;
  keyPassword: string;
  user: string;
  password: string;
  database: string;
  stop(): Promise<void>;
}

const KEY_PASSWORD = `Key-${randomBytes(9).toString('base64url')}`;

function openssl(cwd: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: 'ignore' });
}

/** A key and a certificate for `subject`, signed by `ca` (or self-signed as an authority when there is none). */
function certificate(cwd: string, name: string, subject: string, ca?: string, extension?: string): void {
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-subj', subject];
  if (!ca) {
    openssl(cwd, 'req', '-x509', ...key, '-out', `${name}.crt`, '-days', '2', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=keyCertSign,cRLSign');
    return;
  }
  openssl(cwd, 'req', ...key, '-out', `${name}.csr`);
  const ext = path.join(cwd, `${name}.ext`);
  fs.writeFileSync(ext, extension ?? 'basicConstraints=CA:FALSE\n');
  openssl(cwd, 'x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', ext);
}

export async function startTlsServer(): Promise<TlsServer> {
  const account = serverAccount();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'se-test-tls-'));
  const owned = (file: string) => account.uid !== undefined && fs.chownSync(file, account.uid, account.gid!);
  owned(dir);
  const certs = path.join(dir, 'certs');
  fs.mkdirSync(certs);
  certificate(certs, 'ca', '/CN=session-explorer test CA');
  certificate(certs, 'other-ca', '/CN=another CA');
  certificate(certs, 'server', '/CN=localhost', 'ca', 'basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost\n');
  certificate(certs, 'client', '/CN=certuser', 'ca');
  fs.chmodSync(path.join(certs, 'client.key'), 0o600);
  // two revocation lists of the authority: one empty, one that revokes the server's certificate
  fs.writeFileSync(path.join(certs, 'ca.cnf'), '[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\ncrlnumber=crlnumber\ndefault_md=sha256\ndefault_crl_days=2\n');
  fs.writeFileSync(path.join(certs, 'index.txt'), '');
  fs.writeFileSync(path.join(certs, 'crlnumber'), '01\n');
  const authority = ['-config', 'ca.cnf', '-keyfile', 'ca.key', '-cert', 'ca.crt'];
  openssl(certs, 'ca', ...authority, '-gencrl', '-out', 'empty.crl');
  openssl(certs, 'ca', ...authority, '-revoke', 'server.crt');
  openssl(certs, 'ca', ...authority, '-gencrl', '-out', 'server-revoked.crl');
  openssl(certs, 'pkey', '-in', 'client.key', '-aes256', '-passout', `pass:${KEY_PASSWORD}`, '-out', 'client-encrypted.key');
  fs.chmodSync(path.join(certs, 'client-encrypted.key'), 0o600);

  const admin = { user: 'admin', password: `su-${randomBytes(9).toString('base64url')}` };
  const pwfile = path.join(dir, 'pwfile');
  fs.writeFileSync(pwfile, `${admin.password}\n`, { mode: 0o600 });
  owned(pwfile);
  const data = path.join(dir, 'data');
  const env = { ...process.env, LC_ALL: 'C' };
  await runAs(account, `${BIN}/initdb`, ['-D', data, '-U', admin.user, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C'], env);
  fs.rmSync(pwfile);
  for (const file of ['server.crt', 'server.key', 'ca.crt']) {
    fs.copyFileSync(path.join(certs, file), path.join(data, file));
    fs.chmodSync(path.join(data, file), 0o600);
    owned(path.join(data, file));
  }
  const socketFolder = path.join(dir, 'socket');
  fs.mkdirSync(socketFolder);
  owned(socketFolder);
  const port = await freePort();
  fs.appendFileSync(
    path.join(data, 'postgresql.conf'),
    [`port = ${port}`, "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${socketFolder}'`, 'ssl = on', "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'", "ssl_ca_file = 'ca.crt'", ''].join('\n'),
  );
  const hba = path.join(data, 'pg_hba.conf');
  fs.writeFileSync(hba, `hostssl all certuser 127.0.0.1/32 cert\n${fs.readFileSync(hba, 'utf8')}`);
  await runAs(account, `${BIN}/pg_ctl`, ['start', '-D', data, '-w', '-s', '-l', path.join(dir, 'server.log')], env);

  const server: TlsServer = {
    port,
    socketFolder,
    ca: path.join(certs, 'ca.crt'),
    otherCa: path.join(certs, 'other-ca.crt'),
    emptyCrl: path.join(certs, 'empty.crl'),
    revokedCrl: path.join(certs, 'server-revoked.crl'),
    clientCert: path.join(certs, 'client.crt'),
    clientKey: path.join(certs, 'client.key'),
    encryptedClientKey: path.join(certs, 'client-encrypted.key'),
    keyPassword: KEY_PASSWORD,
    user: 'ann',
    password: `Pw-${randomBytes(12).toString('base64url')}`,
    database: 'scooters',
    async stop() {
      await runAs(account, `${BIN}/pg_ctl`, ['stop', '-D', data, '-m', 'immediate', '-w', '-s'], env).catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  const client = new pg.Client({ host: socketFolder, port, user: admin.user, password: admin.password, database: 'postgres' });
  await client.connect();
  try {
    await client.query(`CREATE ROLE ${server.user} LOGIN PASSWORD '${server.password}'`);
    await client.query(`CREATE DATABASE ${server.database} OWNER ${server.user}`);
    await client.query('CREATE ROLE certuser LOGIN');
  } finally {
    await client.end();
  }
  return server;
}
