import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runAs, serverAccount } from '../../src/db/embedded/account.js';
import { programsFor } from '../../src/db/embedded/open.js';
import { freePort } from '../../scripts/free-port.js';

/**
 * A private PostgreSQL cluster that asks for passwords (scram-sha-256 over TCP on 127.0.0.1), for the tests of
 * secrets: the shared test server trusts everyone, so a password there is never even sent. Made with the same
 * PostgreSQL programs as the embedded database.
 */
export interface PasswordServer {
  host: string;
  port: number;
  /** A role that logs in with `password` and owns `database`. */
  user: string;
  password: string;
  database: string;
  /** The superuser, who also needs a password over TCP. */
  superuser: { user: string; password: string };
  stop(): Promise<void>;
}

export async function startPasswordServer(): Promise<PasswordServer> {
  const account = serverAccount();
  // the same programs the embedded database runs, copied where the server's account can reach them if need be
  const programs = programsFor(account);
  const dir = path.join(os.tmpdir(), `se-test-pwserver-${randomBytes(6).toString('hex')}`);
  fs.mkdirSync(dir, { mode: 0o700 });
  if (account.uid !== undefined) fs.chownSync(dir, account.uid, account.gid!);
  const superuser = { user: 'admin', password: `su-${randomBytes(9).toString('base64url')}` };
  const pwfile = path.join(dir, 'pwfile');
  fs.writeFileSync(pwfile, `${superuser.password}\n`, { mode: 0o600 });
  if (account.uid !== undefined) fs.chownSync(pwfile, account.uid, account.gid!);
  const data = path.join(dir, 'data');
  const env = { ...process.env, LC_ALL: 'C' };
  await runAs(account, programs.initdb, ['-D', data, '-U', superuser.user, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C'], env);
  fs.rmSync(pwfile);
  const port = await freePort();
  await runAs(
    account,
    programs.pgCtl,
    ['start', '-D', data, '-w', '-s', '-l', path.join(data, 'server.log'), '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ''`],
    env,
  );
  const server: PasswordServer = {
    host: '127.0.0.1',
    port,
    user: 'ann',
    password: `Pw-${randomBytes(12).toString('base64url')}`,
    database: 'scooters',
    superuser,
    async stop() {
      await runAs(account, programs.pgCtl, ['stop', '-D', data, '-m', 'immediate', '-w', '-s'], env).catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  const admin = new pg.Client({ host: server.host, port, user: superuser.user, password: superuser.password, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${server.user} LOGIN PASSWORD '${server.password}'`);
    await admin.query(`CREATE DATABASE ${server.database} OWNER ${server.user}`);
  } finally {
    await admin.end();
  }
  return server;
}
