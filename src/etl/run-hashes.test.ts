import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { RunHashes } from './run-hashes.js';

const md5 = (i: number) => createHash('md5').update(String(i)).digest('hex');

test('a hash is seen once added, through the table doubling, and the all-zero digest too', () => {
  const hashes = new RunHashes();
  const n = 200_000;
  for (let i = 0; i < n; i++) assert.equal(hashes.seenBefore(md5(i)), false);
  for (let i = 0; i < n; i += 997) assert.equal(hashes.seenBefore(md5(i)), true);
  // differs from md5(0) in its last word only
  assert.equal(hashes.seenBefore(md5(0).slice(0, 24) + '00000000'), false);
  assert.equal(hashes.seenBefore('0'.repeat(32)), false);
  assert.equal(hashes.seenBefore('0'.repeat(32)), true);
  assert.equal(hashes.overflowed, false);
});

test('past its bound it gives up, and then claims nothing was seen', () => {
  const hashes = new RunHashes();
  let i = 0;
  while (!hashes.overflowed) hashes.seenBefore(md5(i++));
  assert.ok(i > 1_500_000, `gave up after ${i} hashes`);
  assert.equal(hashes.seenBefore(md5(0)), false);
});
