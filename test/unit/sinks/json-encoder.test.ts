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

test('jsonLinesEncoder: rows with bigints beyond 2^53 and a __proto__ column stay exact', (t) => {
  const columns: Column[] = [{ name: 'n', type: 'LONG' }, { name: 'b', type: 'BYTES' }, { name: 'd', type: 'DATE' }];
  const encode = jsonLinesEncoder(columns);
  t.is(
    encode([{ n: 9007199254740991n, b: new Uint8Array([255]), d: new Date(1) }, { n: 2n ** 53n, b: null, d: new Date(Number.NaN) }]),
    '{"n":9007199254740991,"b":"FF","d":"1970-01-01T00:00:00.001Z"}\n{"n":9007199254740992,"b":null,"d":null}\n',
  );
  const proto = jsonLinesEncoder([{ name: '__proto__', type: 'STRING' }]);
  t.is(proto([{ ['__proto__']: 'x' } as never]), '{"__proto__":"x"}\n');
});

test('jsonLinesEncoder: rows already JSON-ready give the same text, and a value off its type still encodes', (t) => {
  const columns: Column[] = [{ name: 's', type: 'STRING' }, { name: 'i', type: 'INTEGER' }, { name: 'd', type: 'DATE' }, { name: 'f', type: 'FLOAT' }];
  const encode = jsonLinesEncoder(columns);
  const row = { s: 'a"\n', i: -3, d: new Date(86400000), f: Number.NaN };
  t.is(encode([row]), '{"s":"a\\"\\n","i":-3,"d":"1970-01-02T00:00:00.000Z","f":null}\n');
  t.is(encode([row, { s: 2n ** 60n, i: 1, d: null, f: 0.5 } as never]), '{"s":"a\\"\\n","i":-3,"d":"1970-01-02T00:00:00.000Z","f":null}\n{"s":1152921504606846976,"i":1,"d":null,"f":0.5}\n');
  // Keys in another order than the columns: written in column order.
  t.is(encode([{ f: 1.25, d: null, i: 2, s: 'x' }]), '{"s":"x","i":2,"d":null,"f":1.25}\n');
});

test('FLOAT columns: integral values carry ".0" on every path (direct, with bigints)', (t) => {
  const direct = jsonLinesEncoder([{ name: 'x', type: 'FLOAT' }, { name: 's', type: 'STRING' }]);
  t.is(direct([{ x: 1.5, s: 'a' }, { x: 2, s: 'b' }]), '{"x":1.5,"s":"a"}\n{"x":2.0,"s":"b"}\n');
  const withLong = jsonLinesEncoder([{ name: 'x', type: 'FLOAT' }, { name: 'l', type: 'LONG' }]);
  t.is(withLong([{ x: 3, l: 1n }, { x: 0.25, l: 2n }]), '{"x":3.0,"l":1}\n{"x":0.25,"l":2}\n');
  t.deepEqual(JSON.parse('{"x":3.0}'), { x: 3 });
});
