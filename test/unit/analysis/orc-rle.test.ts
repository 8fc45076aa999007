/** The ORC run-length decoders on the worked examples of the ORC specification (ORCv1 "Run Length Encoding"). */
import test from 'ava';
import { decodeBooleans, decodeBytes } from '../../../src/analysis/orc/byte-rle.js';
import { decodeInts } from '../../../src/analysis/orc/int-rle.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const big = (...n: number[]) => n.map(BigInt);

test('byte RLE: a run and literals', (t) => {
  t.deepEqual([...decodeBytes(bytes(0x61, 0x00), 100)], Array(100).fill(0));
  t.deepEqual([...decodeBytes(bytes(0xfe, 0x44, 0x45), 2)], [0x44, 0x45]);
});

test("booleans: byte RLE of bits, most significant first, stopping at the count", (t) => {
  t.deepEqual(decodeBooleans(bytes(0xfe, 0xff, 0x80), 10), [true, true, true, true, true, true, true, true, true, false]);
});

test('integer RLE v1: a run with a delta and literals', (t) => {
  t.deepEqual(decodeInts(bytes(0x61, 0x00, 0x07), 100, false, 1), Array(100).fill(7n));
  t.deepEqual(decodeInts(bytes(0xfb, 0x02, 0x03, 0x06, 0x07, 0x0b), 5, false, 1), big(2, 3, 6, 7, 11));
  t.deepEqual(decodeInts(bytes(0x02, 0xff, 0x14), 5, true, 1), big(10, 9, 8, 7, 6), 'signed: zigzag base 10, delta -1');
});

test('integer RLE v2: SHORT_REPEAT, DIRECT, PATCHED_BASE and DELTA', (t) => {
  t.deepEqual(decodeInts(bytes(0x0a, 0x27, 0x10), 5, false, 2), Array(5).fill(10000n));
  t.deepEqual(decodeInts(bytes(0x5e, 0x03, 0x5c, 0xa1, 0xab, 0x1e, 0xde, 0xad, 0xbe, 0xef), 4, false, 2), big(23713, 43806, 57005, 48879));
  const patched = bytes(0x8e, 0x13, 0x2b, 0x21, 0x07, 0xd0, 0x1e, 0x00, 0x14, 0x70, 0x28, 0x32, 0x3c, 0x46, 0x50, 0x5a, 0x64, 0x6e, 0x78, 0x82, 0x8c, 0x96, 0xa0, 0xaa, 0xb4, 0xbe, 0xfc, 0xe8);
  t.deepEqual(decodeInts(patched, 20, false, 2), big(2030, 2000, 2020, 1000000, 2040, 2050, 2060, 2070, 2080, 2090, 2100, 2110, 2120, 2130, 2140, 2150, 2160, 2170, 2180, 2190));
  t.deepEqual(decodeInts(bytes(0xc6, 0x09, 0x02, 0x02, 0x22, 0x42, 0x42, 0x46), 10, false, 2), big(2, 3, 5, 7, 11, 13, 17, 19, 23, 29));
});

test('a stream ending before the count is an error saying so', (t) => {
  t.throws(() => decodeInts(bytes(0x0a, 0x27, 0x10), 6, false, 2), { message: /ends after 5 of 6 values/ });
});
