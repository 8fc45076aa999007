/** HBase cell values: Bytes.toBytes of the typed value by default (as the original), text forms on request. */
import test from 'ava';
import { cellEncoder } from '../../../src/sinks/hbase/cell-value.js';
import { encodeCellSet } from '../../../src/sinks/hbase/cellset.js';

const hex = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v);

test('binary: int, long, timestamp, float, boolean as HBase Bytes.toBytes writes them (big-endian)', (t) => {
  t.is(hex(cellEncoder('binary', 'INTEGER')(-2)), 'fffffffe');
  t.is(hex(cellEncoder('binary', 'INCREMENT_INTEGER')(258)), '00000102');
  t.is(hex(cellEncoder('binary', 'LONG')(9_007_199_254_740_993n)), '0020000000000001');
  t.is(hex(cellEncoder('binary', 'LONG')(-1)), 'ffffffffffffffff');
  t.is(hex(cellEncoder('binary', 'TIMESTAMP')(1_700_000_000_000)), '0000018bcfe56800');
  t.is(hex(cellEncoder('binary', 'TIMESTAMP')(new Date(1_700_000_000_000))), '0000018bcfe56800');
  t.is(hex(cellEncoder('binary', 'FLOAT')(1.5)), '3fc00000', 'a 4-byte IEEE float, as Java\'s Bytes.toBytes(float)');
  t.is(hex(cellEncoder('binary', 'BOOLEAN')(true)), 'ff');
  t.is(hex(cellEncoder('binary', 'BOOLEAN')(false)), '00');
  t.is(hex(cellEncoder('binary', 'BYTES')(Uint8Array.of(1, 0xab))), '01ab');
});

test('binary: strings and dates keep their text; a value not of the column\'s type keeps its text; null gives no cell', (t) => {
  t.is(cellEncoder('binary', 'STRING')('é'), 'é');
  t.is(cellEncoder('binary', 'DATE')(new Date(Date.UTC(2024, 0, 1))), '2024-01-01T00:00:00.000Z');
  t.is(cellEncoder('binary', 'INTEGER')('not a number'), 'not a number');
  t.is(cellEncoder('binary', 'INTEGER')(2 ** 40), String(2 ** 40), 'out of the int range: its text rather than a wrapped int');
  t.is(cellEncoder('binary', 'INTEGER')(null), null);
});

test('text: every value as its text form', (t) => {
  t.is(cellEncoder('text', 'INTEGER')(-2), '-2');
  t.is(cellEncoder('text', 'BOOLEAN')(true), 'true');
  t.is(cellEncoder('text', 'BYTES')(Uint8Array.of(1, 0xab)), '01AB');
});

test('a CellSet carries binary cells byte for byte', (t) => {
  const value = Buffer.from([0, 0xff, 0x80]);
  const buf = encodeCellSet([{ key: 'k', cells: [['f:q', value]] }]);
  t.true(buf.subarray(buf.length - 3).equals(value));
  t.is(buf[buf.length - 4], 3, 'the data field\'s length');
});
