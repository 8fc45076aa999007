import test from 'ava';
import { csvCell, csvEncoder, csvField, csvHeader } from '../../../src/sinks/files/csv-encoder.js';
import type { Column } from '../../../src/model/types.js';

test('csvField quotes only when needed and doubles quotes', (t) => {
  t.is(csvField('abc'), 'abc');
  t.is(csvField('a,b'), '"a,b"');
  t.is(csvField('a"b'), '"a""b"');
  t.is(csvField('a\nb'), '"a\nb"');
  t.is(csvField('a\rb'), '"a\rb"');
  t.is(csvField(''), '""');
  t.is(csvField(' x '), ' x ');
});

test('csvCell writes typed values as text', (t) => {
  t.is(csvCell(null), '');
  t.is(csvCell(undefined), '');
  t.is(csvCell(-12), '-12');
  t.is(csvCell(0.1 + 0.2), '0.30000000000000004');
  t.is(csvCell(Number.NaN), '');
  t.is(csvCell(2n ** 63n - 1n), '9223372036854775807');
  t.is(csvCell(true), 'true');
  t.is(csvCell(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6))), '2024-01-02T03:04:05.006Z');
  t.is(csvCell(new Uint8Array([0, 15, 171, 255])), '000FABFF');
});

test('csvEncoder writes CRLF records in column order, ignoring keys that are not columns', (t) => {
  const columns: Column[] = [{ name: 'b', type: 'STRING' }, { name: 'a', type: 'INTEGER' }];
  const encode = csvEncoder(columns);
  t.is(encode([{ a: 1, b: 'x,y', ghost: 'no' }, { a: 2, b: null }]), '"x,y",1\r\n,2\r\n');
  t.is(csvHeader(columns), 'b,a\r\n');
  t.is(encode([]), '');
});

test('FLOAT columns: integral values carry ".0" so readers infer floating point', (t) => {
  const columns: Column[] = [{ name: 'x', type: 'FLOAT' }, { name: 'n', type: 'INTEGER' }];
  t.is(csvEncoder(columns)([{ x: 5, n: 5 }, { x: 4598374331607392000, n: 1 }, { x: 1e21, n: 2 }, { x: -0.5, n: 3 }, { x: Number.NaN, n: 4 }]),
    '5.0,5\r\n4598374331607392000.0,1\r\n1e+21,2\r\n-0.5,3\r\n,4\r\n');
});
