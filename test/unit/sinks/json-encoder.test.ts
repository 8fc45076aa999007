import test from 'ava';
import type { Column } from '../../../src/model/types.js';
import { jsonLinesEncoder, jsonText } from '../../../src/sinks/files/json-encoder.js';

test('jsonText: 64-bit integers are exact JSON numbers, dates ISO strings, bytes upper-case hex', (t) => {
  t.is(jsonText(2n ** 63n - 1n), '9223372036854775807');
  t.is(jsonText(-(2n ** 63n)), '-9223372036854775808');
  t.is(jsonText(1.5), '1.5');
  t.is(jsonText(Number.POSITIVE_INFINITY), 'null');
  t.is(jsonText(false), 'false');
  t.is(jsonText(null), 'null');
  t.is(jsonText('a"b\n\u2028'), JSON.stringify('a"b\n\u2028'));
  t.is(jsonText(new Date(0)), '"1970-01-01T00:00:00.000Z"');
  t.is(jsonText(new Uint8Array([1, 0xab])), '"01AB"');
});

test('jsonLinesEncoder: one object per line, keys in column order, escaped keys', (t) => {
  const columns: Column[] = [{ name: 'id', type: 'LONG' }, { name: 'na"me', type: 'STRING' }];
  const text = jsonLinesEncoder(columns)([{ id: 9007199254740993n, 'na"me': 'x' }, { id: 1n, 'na"me': null }]);
  t.is(text, '{"id":9007199254740993,"na\\"me":"x"}\n{"id":1,"na\\"me":null}\n');
  const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
  t.deepEqual(lines[1], { id: 1, 'na"me': null });
});

test('jsonLinesEncoder with no columns writes empty objects', (t) => {
  t.is(jsonLinesEncoder([])([{}, {}]), '{}\n{}\n');
});
