/** Long STRING and STRING_REGEX values are built flat (not as ropes) and keep exactly the draws of short ones. */
import test from 'ava';
import { ALPHANUMERIC, randomString } from '../../../src/model/fields/text.js';
import { batchPrng } from '../../../src/model/prng.js';
import { compileStringRegex } from '../../../src/model/string-regex.js';

test('randomString: the buffer path for long strings draws the same characters as appending one at a time', (t) => {
  for (const length of [1, 63, 64, 65, 1000, 100_000]) {
    const a = batchPrng(7, 3);
    const b = batchPrng(7, 3);
    let expected = '';
    for (let i = 0; i < length; i++) expected += ALPHANUMERIC[(b.next() * ALPHANUMERIC.length) | 0];
    t.is(randomString(a, ALPHANUMERIC, length), expected, `length ${length}`);
    t.is(a.next(), b.next(), 'the generator is left in the same state');
  }
});

test('STRING_REGEX: a long pattern joins the same draws as a short one', (t) => {
  const short = compileStringRegex('[a-c,XYZ]{5}');
  const long = compileStringRegex('[a-c,XYZ]{5}' + '[0-9]{100}');
  const value = long(batchPrng(1, 1));
  t.true(value.startsWith(short(batchPrng(1, 1))), 'the first draws are the same');
  t.regex(value, /^([a-c]|XYZ){5}[0-9]{100}$/);
});
