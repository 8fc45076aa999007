import test from 'ava';
import { createHash } from 'node:crypto';
import { md5 } from '../../../src/model/md5.js';

test('md5 matches node:crypto for every input length up to 200 bytes', (t) => {
  for (let n = 0; n <= 200; n++) {
    const input = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255);
    t.is(Buffer.from(md5(input)).toString('hex'), createHash('md5').update(input).digest('hex'), `length ${n}`);
  }
  t.is(Buffer.from(md5(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toString('hex'), '9e107d9d372bb6826bd81d3542a419d6');
});
