/** The varints that the Kafka record encoder and the HBase CellSet share, and the CellSet bytes built with them. */
import test from 'ava';
import { encodeCellSet } from '../../../src/sinks/hbase/cellset.js';
import { uvarintSize, writeUvarint } from '../../../src/sinks/varint.js';

const varint = (u: number) => {
  const buf = Buffer.alloc(10);
  return buf.subarray(0, writeUvarint(buf, 0, u));
};

test('given a number, when written as a varint, then its bytes are seven bits each, low first, and its size is theirs', (t) => {
  t.deepEqual([...varint(0)], [0]);
  t.deepEqual([...varint(127)], [0x7f]);
  t.deepEqual([...varint(128)], [0x80, 0x01]);
  t.deepEqual([...varint(300)], [0xac, 0x02]);
  t.deepEqual([...varint(2 ** 32)], [0x80, 0x80, 0x80, 0x80, 0x10], 'beyond 32 bits stays exact');
  for (const u of [0, 127, 128, 16_383, 16_384, 2 ** 31, 2 ** 32, 2 ** 40]) t.is(uvarintSize(u), varint(u).length, `size of ${u}`);
});

test('given a row with a multi-byte key and a long value, when encoded as a CellSet, then the lengths are varints of UTF-8 byte counts', (t) => {
  const value = 'v'.repeat(200);
  const buf = encodeCellSet([{ key: 'é', cells: [['f:q', value]] }]);
  const cell = Buffer.concat([Buffer.from([0x12, 3]), Buffer.from('f:q'), Buffer.from([0x22]), varint(200), Buffer.from(value)]);
  const row = Buffer.concat([Buffer.from([0x0a, 2]), Buffer.from('é'), Buffer.from([0x12]), varint(cell.length), cell]);
  t.deepEqual(buf, Buffer.concat([Buffer.from([0x0a]), varint(row.length), row]));
});
