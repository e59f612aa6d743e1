import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeDefault, describePasswordDefault, emptyFields, fieldsFromUrl, portProblem, serverProfile, specFromFields } from './server-settings.js';

test('empty fields say what they stand for and where that comes from', () => {
  const env = { PGHOST: 'db1', PGUSER: 'ann' };
  assert.equal(describeDefault('host', emptyFields, env), 'empty for db1, from PGHOST');
  assert.equal(describeDefault('port', emptyFields, env), 'empty for 5432, the default');
  assert.equal(describeDefault('database', emptyFields, env), 'empty for ann, the user name');
  assert.equal(describeDefault('database', { ...emptyFields, user: 'bob' }, env), 'empty for bob, the user name');
  assert.equal(describeDefault('user', emptyFields, { USER: 'carl' }), 'empty for carl, your login name');
  assert.equal(describePasswordDefault('none'), 'empty for no password');
  assert.equal(describePasswordDefault('PGPASSWORD'), 'empty to use the one from PGPASSWORD');
  assert.equal(describePasswordDefault('pgpass'), 'empty to use the one from ~/.pgpass');
});

test('only typed fields reach the spec, and the profile drops the password', () => {
  const spec = specFromFields({ host: ' h ', port: '6543', database: '', user: 'ann', password: ' p w ' }, { sslmode: 'require', sslrootcert: '/ca.crt', sslpassword: 'k' });
  assert.deepEqual(spec, { host: 'h', port: '6543', user: 'ann', password: ' p w ', sslmode: 'require', sslrootcert: '/ca.crt', sslpassword: 'k' });
  assert.deepEqual(serverProfile(spec), {
    kind: 'server',
    host: 'h',
    port: 6543,
    database: undefined,
    user: 'ann',
    sslmode: 'require',
    settings: { sslrootcert: '/ca.crt' },
  });
});

test('a URL is split into fields, decoded, with its ssl mode', () => {
  assert.deepEqual(fieldsFromUrl('postgresql://ann:p%40ss@db.example:6543/scoot%20ers?sslmode=require&application_name=x'), {
    fields: { host: 'db.example', port: '6543', database: 'scoot ers', user: 'ann', password: 'p@ss' },
    more: { sslmode: 'require', application_name: 'x' },
  });
});

test('ports are checked', () => {
  assert.equal(portProblem(''), undefined);
  assert.equal(portProblem('5432'), undefined);
  assert.equal(portProblem('99999'), '"99999" is not a port number (1-65535).');
  assert.equal(portProblem('abc'), '"abc" is not a port number (1-65535).');
});
