/**
 * The ORC encoders against bytes computed by hand from the ORCv1 specification's own examples (byte RLE, boolean
 * bits, integer RLE v2 SHORT_REPEAT / DIRECT / DELTA, timestamp nanoseconds, compression chunk headers).
 */
import test from 'ava';
import zlib from 'node:zlib';
import { BooleanWriter, ByteRleWriter } from '../../../src/sinks/files/orc/byte-rle.js';
import { ByteSink } from '../../../src/sinks/files/orc/byte-sink.js';
import { compressStream } from '../../../src/sinks/files/orc/compression.js';
import { alignedWidth, IntRleV2Writer } from '../../../src/sinks/files/orc/int-rle-v2.js';
import { formatNanos, timestampNanos, timestampSeconds } from '../../../src/sinks/files/orc/timestamps.js';

function bytesRle(values: number[]): number[] {
  const out = new ByteSink();
  const w = new ByteRleWriter(out);
  for (const v of values) w.add(v);
  w.flush();
  return [...out.view()];
}

function booleans(values: boolean[]): number[] {
  const out = new ByteSink();
  const w = new BooleanWriter(out);
  for (const v of values) w.add(v);
  w.flush();
  return [...out.view()];
}

function rle(values: (number | bigint)[], signed: boolean): number[] {
  const out = new ByteSink();
  const w = new IntRleV2Writer(out, signed);
  for (const v of values) w.add(v);
  w.flush();
  return [...out.view()];
}

test('byte RLE: the spec examples (a hundred 0s; 0x44, 0x45)', (t) => {
  t.deepEqual(bytesRle(new Array(100).fill(0)), [0x61, 0x00]);
  t.deepEqual(bytesRle([0x44, 0x45]), [0xfe, 0x44, 0x45]);
});

test('byte RLE: literals before a run, runs cut at 130, literal groups at 128', (t) => {
  t.deepEqual(bytesRle([1, 2, 7, 7, 7, 7, 3]), [0xfe, 1, 2, 0x01, 7, 0xff, 3]);
  t.deepEqual(bytesRle(new Array(131).fill(9)), [127, 9, 0xff, 9]);
  const distinct = Array.from({ length: 129 }, (_, i) => i % 2 ? i : 255 - i);
  t.deepEqual(bytesRle(distinct), [0x80, ...distinct.slice(0, 128), 0xff, distinct[128]!]);
  t.deepEqual(bytesRle([]), []);
});

test('boolean RLE: bits most significant first, the last byte padded with zeros', (t) => {
  // The spec: [0xff, 0x80] is one true followed by seven false values (as bytes 0xff = literal of 1, then 0x80).
  t.deepEqual(booleans([true, false, false, false, false, false, false, false]), [0xff, 0x80]);
  t.deepEqual(booleans([true, false, true]), [0xff, 0xa0]);
  t.deepEqual(booleans(new Array(24).fill(true)), [0x00, 0xff]);
});

test('RLE v2 SHORT_REPEAT: the spec example, five 10000s', (t) => {
  t.deepEqual(rle([10000, 10000, 10000, 10000, 10000], false), [0x0a, 0x27, 0x10]);
  // Signed: -1 zigzags to 1, one byte wide, 3 repeats.
  t.deepEqual(rle([-1, -1, -1], true), [0x00, 0x01]);
});

test('RLE v2 DIRECT: the spec example [23713, 43806, 57005, 48879] at 16 bits', (t) => {
  t.deepEqual(rle([23713, 43806, 57005, 48879], false), [0x5e, 0x03, 0x5c, 0xa1, 0xab, 0x1e, 0xde, 0xad, 0xbe, 0xef]);
});

test('RLE v2 DIRECT: sub-byte widths, zigzag, and 64-bit values from bigints', (t) => {
  // -1, 1 zigzag to 1, 2: 2 bits each (width code 1), length 2: 0b01_10_0000.
  t.deepEqual(rle([-1, 1], true), [0x42, 0x01, 0x60]);
  // 2^63 - 1 zigzags to 2^64 - 2: width 64 (code 31).
  t.deepEqual(rle([2n ** 63n - 1n], true), [0x7e, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]);
  t.deepEqual(rle([-(2n ** 63n)], true), [0x7e, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  // 2^40 + 5 and 3 as 48-bit values (code 29).
  t.deepEqual(rle([2 ** 40 + 5, 3], false), [0x7a, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);
});

test('RLE v2 DELTA with a fixed delta: 100 down to 1, and long runs of one value', (t) => {
  const down = Array.from({ length: 100 }, (_, i) => 100 - i);
  // DELTA, width 0, length 100; base 100; delta -1 zigzags to 1.
  t.deepEqual(rle(down, false), [0xc0, 0x63, 0x64, 0x01]);
  // 600 sevens: a window of 512 (length 511 in 9 bits: 0x01, 0xff) then 88; signed base 7 zigzags to 14.
  t.deepEqual(rle(new Array(600).fill(7), true), [0xc1, 0xff, 14, 0x00, 0xc0, 87, 14, 0x00]);
});

test('RLE v2: literals around a run are DIRECT groups', (t) => {
  // 9, 1 | 5, 5, 5 | 2: DIRECT [9, 1] at 4 bits, SHORT_REPEAT 5 x3, DIRECT [2] at 2 bits.
  t.deepEqual(rle([9, 1, 5, 5, 5, 2], false), [0x46, 0x01, 0x91, 0x00, 0x05, 0x42, 0x00, 0x80]);
});

test('aligned widths', (t) => {
  t.deepEqual([0, 1, 2, 3, 4, 15, 16, 255, 256, 2 ** 24, 2 ** 52].map(alignedWidth), [1, 1, 2, 2, 4, 4, 8, 8, 16, 32, 56]);
  t.is(alignedWidth(2n ** 64n - 1n), 64);
});

test('timestamp nanoseconds: trailing zeros folded as the spec says (1000 -> 0x0a, 100000 -> 0x0c)', (t) => {
  t.is(formatNanos(1000), 0x0a);
  t.is(formatNanos(100000), 0x0c);
  t.is(formatNanos(0), 0);
  t.is(formatNanos(123), 123 * 8);
  t.is(formatNanos(123_000_000), (123 << 3) | 5);
});

test('timestamp seconds: from 2015-01-01 UTC, truncated toward zero with non-negative nanoseconds', (t) => {
  t.is(timestampSeconds(Date.UTC(2015, 0, 1)), 0);
  t.is(timestampSeconds(Date.UTC(2015, 0, 1, 0, 0, 1, 500)), 1);
  t.is(timestampSeconds(-1500), -1 - 1_420_070_400);
  t.is(timestampNanos(-1500), formatNanos(500_000_000));
  t.is(timestampNanos(1_700_000_000_123), formatNanos(123_000_000));
});

test('compression chunks: 3-byte little-endian headers, original bytes kept when they do not shrink', (t) => {
  const five = Uint8Array.of(1, 2, 3, 4, 5);
  const [header, body] = compressStream(five, 'ZLIB', 256 * 1024);
  t.deepEqual([...header!], [0x0b, 0x00, 0x00]);
  t.deepEqual([...body!], [...five]);
  const zeros = new Uint8Array(300_000);
  const parts = compressStream(zeros, 'ZLIB', 200_000);
  t.is(parts.length, 4, 'two chunks of at most the block size');
  for (const [i, size] of [200_000, 100_000].entries()) {
    const h = parts[2 * i]!;
    const len = h[0]! | (h[1]! << 8) | (h[2]! << 16);
    t.is(len & 1, 0, 'compressed');
    t.is(len >> 1, parts[2 * i + 1]!.length);
    t.is(zlib.inflateRawSync(parts[2 * i + 1]!).length, size);
  }
  t.deepEqual(compressStream(five, 'NONE', 4), [five]);
});
