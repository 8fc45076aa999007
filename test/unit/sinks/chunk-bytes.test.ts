/**
 * A chunk encoded a segment at a time into one buffer is byte for byte Buffer.from of its text, whatever the rows'
 * widths do from one chunk to the next (the buffer is sized from the chunks before and must grow when they lied).
 */
import test from 'ava';
import type { Column, Row } from '../../../src/model/types.js';
import { chunkBytesEncoder } from '../../../src/sinks/files/chunk-bytes.js';
import { compileCsv, compileJsonLines } from '../../../src/sinks/files/compiled-encoders.js';

const columns: Column[] = [{ name: 'id', type: 'LONG' }, { name: 'text', type: 'STRING' }, { name: 'x', type: 'FLOAT' }];

function rows(n: number, text: (i: number) => string): Row[] {
  return Array.from({ length: n }, (_, i) => ({ id: BigInt(i) * 10n ** 17n, text: text(i), x: i % 7 === 0 ? -0 : i / 3 }));
}

// Narrow ASCII rows, then rows whose text is 3-byte and 4-byte UTF-8 and lone surrogates, then very wide ones.
const chunks: Row[][] = [
  rows(5000, (i) => `n${i}`),
  rows(3000, (i) => '€😀'.repeat(i % 5) + (i % 11 === 0 ? '\ud800' : '') + (i % 13 === 0 ? '"\n,' : '')),
  rows(40, (i) => 'ü'.repeat(20_000 + i)),
  rows(0, () => ''),
  rows(1, () => 'x'),
  rows(7000, (i) => String.fromCharCode(0x4e00 + (i % 500)).repeat(30)),
];

for (const [format, compile] of [['json', compileJsonLines], ['csv', compileCsv]] as const) {
  test(`${format}: a chunk's bytes are Buffer.from of its text, chunk after chunk`, (t) => {
    const encode = compile(columns);
    const bytes = chunkBytesEncoder(encode);
    for (const [i, chunk] of chunks.entries()) t.true(bytes(chunk).equals(Buffer.from(encode(chunk))), `chunk ${i}`);
  });

  test(`${format}: the text of a range of rows is that of the same rows sliced`, (t) => {
    const encode = compile(columns);
    const chunk = chunks[1]!;
    t.is(encode(chunk, 17, 2021), encode(chunk.slice(17, 2021)));
    t.is(encode(chunk, 5, 5), '');
  });
}

test('a recycled chunk\'s buffer holds the next chunk when it fits, with the same bytes; one not recycled is never written over', (t) => {
  const encode = compileJsonLines(columns);
  const bytes = chunkBytesEncoder(encode);
  const first = bytes(chunks[0]!);
  const kept = Buffer.from(first);
  const second = bytes(chunks[0]!);
  t.not(second.buffer, first.buffer, 'not recycled: a new buffer');
  t.true(first.equals(kept), 'the bytes handed out stay as they were');
  bytes.recycle(second);
  const third = bytes(chunks[4]!);
  t.is(third.buffer, second.buffer, 'recycled: the same buffer');
  t.true(third.equals(Buffer.from(encode(chunks[4]!))));
  // Recycled again, then a chunk too wide for it: a new buffer, the right bytes.
  bytes.recycle(third);
  const wide = bytes(chunks[2]!);
  t.true(wide.equals(Buffer.from(encode(chunks[2]!))));
  // Bytes that are not the last chunk's are not taken back.
  bytes.recycle(Buffer.from('x'));
  t.not(bytes(chunks[4]!).buffer, wide.buffer);
});
