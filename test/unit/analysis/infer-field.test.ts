/** Model analysis, pure part: what a column's values make of its field (type, range, weights, shape, length). */
import test from 'ava';
import { addValue, emptyProfile, MAX_DISTINCT, profilePrng, SAMPLE_SIZE, type ColumnProfile } from '../../../src/analysis/column-profile.js';
import { inferField, type Lookups } from '../../../src/analysis/infer-field.js';
import { commonShape } from '../../../src/analysis/string-shape.js';
import { classify } from '../../../src/analysis/value-kind.js';
import type { FieldType } from '../../../src/model/types.js';

const NO_DICTIONARIES: Lookups = { isPersonName: () => false, cityCountries: () => undefined };

function profile(values: unknown[], declared?: FieldType): ColumnProfile {
  const p = emptyProfile('c', declared);
  const rng = profilePrng();
  for (const v of values) addValue(p, v, rng);
  return p;
}

const infer = (values: unknown[], lookups = NO_DICTIONARIES, declared?: FieldType) => inferField(profile(values, declared), lookups);
const range = (n: number, f: (i: number) => unknown) => Array.from({ length: n }, (_, i) => f(i));

test('values are classified by what they are, typed or as text', (t) => {
  t.deepEqual(['12', '-3', '007', '1.5', '2e3', 'true', '2024-02-29', '29/02/2024', '2024-01-01T10:00:00Z', 'x', 5n, 2.5, false].map((v) => classify(v)!.kind),
    ['integer', 'integer', 'text', 'float', 'float', 'boolean', 'day', 'day', 'instant', 'text', 'integer', 'float', 'boolean']);
  t.is(classify(''), undefined);
  t.is(classify(null), undefined);
  t.is(classify(new Date('2020-01-01T00:00:00Z'))!.number, Date.UTC(2020, 0, 1));
  t.is(classify('2024-02-30')!.kind, 'text', 'not a real day');
});

test('integers give their range; beyond 32 bits, or declared long, a LONG', (t) => {
  t.deepEqual(infer(range(100, (i) => String(i - 10))), { name: 'c', type: 'INTEGER', min: -10, max: 89 });
  t.deepEqual(infer([1n, 9007199254740993n, ...range(40, (i) => i)]), { name: 'c', type: 'LONG', min: 0, max: '9007199254740993' });
  t.is(infer(range(50, (i) => i), NO_DICTIONARIES, 'LONG').type, 'LONG');
});

test('a few distinct values, each seen often, become weighted values in thousandths', (t) => {
  t.deepEqual(infer([...range(75, () => 'a'), ...range(25, () => 'b')]), { name: 'c', type: 'STRING', possible_values_weighted: { a: 750, b: 250 } });
  t.deepEqual(infer([...range(30, () => 1), ...range(10, () => 2)]), { name: 'c', type: 'INTEGER', possible_values_weighted: { 1: 750, 2: 250 } });
  t.is(infer(range(10, (i) => `v${i}`)).type, 'STRING_REGEX', 'ten values seen once each are not a list of values');
});

test('nulls do not change the type; a column of nulls only is a STRING', (t) => {
  t.deepEqual(infer([null, '', ...range(30, (i) => i * 1.5)]), { name: 'c', type: 'FLOAT', min: 0, max: 43.5 });
  const p = profile([null, undefined, '']);
  t.is(p.nulls, 3);
  t.deepEqual(inferField(p, NO_DICTIONARIES), { name: 'c', type: 'STRING', length: 20 });
});

test('booleans: even odds as BOOLEAN alone, other odds weighted', (t) => {
  t.deepEqual(infer(range(100, (i) => i % 2 === 0)), { name: 'c', type: 'BOOLEAN' });
  t.deepEqual(infer(range(100, (i) => (i < 90 ? 'TRUE' : 'false'))), { name: 'c', type: 'BOOLEAN', possible_values_weighted: { true: 900, false: 100 } });
});

test('dates: instants give a DATE range, days and midnight instants a BIRTHDATE range', (t) => {
  t.deepEqual(infer(range(60, (i) => new Date(Date.UTC(2021, 0, 1 + i, 13, 5, 7)))), { name: 'c', type: 'DATE', min_date: '2021-01-01T13:05:07Z', max_date: '2021-03-01T13:05:07Z' });
  t.deepEqual(infer(range(60, (i) => new Date(Date.UTC(1990, 0, 1 + i)))), { name: 'c', type: 'BIRTHDATE', min_date: '1990-01-01', max_date: '1990-03-01' });
  t.deepEqual(infer(range(60, (i) => `${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/${1950 + i}`)), { name: 'c', type: 'BIRTHDATE', min_date: '1950-01-01', max_date: '2009-06-04' });
});

test('texts recognised by form: UUID, IP, EMAIL, PHONE with its countries', (t) => {
  t.is(infer(range(60, (i) => `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`)).type, 'UUID');
  t.is(infer(range(60, (i) => `10.0.${i}.${255 - i}`)).type, 'IP');
  t.is(infer(range(60, (i) => `user${i}@example.org`)).type, 'EMAIL');
  t.deepEqual(infer(range(60, (i) => `+33 6 12 34 ${String(10 + i).slice(-2)} ${String(20 + i).slice(-2)}`)), { name: 'c', type: 'PHONE', filters: ['France'] });
  t.is(infer(range(60, (i) => ['France', 'Germany', 'Japan', 'Brazil', 'Kenya', 'Peru'][i % 6] + (i >= 6 ? '' : ''))).type, 'COUNTRY', 'weighted, but a COUNTRY');
});

test('names and cities come from the dictionaries; cities keep the few countries that hold them', (t) => {
  const lookups: Lookups = {
    isPersonName: (x) => x.startsWith('N'),
    cityCountries: (x) => (x.startsWith('C') ? new Set(x.endsWith('1') ? ['FR', 'US'] : ['FR']) : undefined),
  };
  t.deepEqual(infer(range(200, (i) => `N${i}`), lookups), { name: 'c', type: 'NAME' });
  t.deepEqual(infer(range(200, (i) => `C${i}`), lookups), { name: 'c', type: 'CITY', filters: ['France'] });
});

test('texts of one fixed shape give a STRING_REGEX; upper-case hex gives BYTES; other texts a STRING of their longest length', (t) => {
  t.deepEqual(infer(range(80, (i) => `AB-${String(1000 + i)}x`)), { name: 'c', type: 'STRING_REGEX', regex: '[A-Z]{2}-[0-9]{4}[a-z]{1}' });
  t.deepEqual(infer(range(80, (i) => (0xabcdef0123456789n + BigInt(i)).toString(16).toUpperCase().padStart(32, 'A'))), { name: 'c', type: 'BYTES', length: 16 });
  t.deepEqual(infer(range(80, (i) => 'word '.repeat(1 + (i % 4)).trim() + i)), { name: 'c', type: 'STRING', length: 21 });
  t.is(commonShape(['ab', 'cd']), undefined, 'one class alone is no shape');
  t.is(commonShape(['a[1]{2}', 'b[1]{2}']), undefined, 'brackets would be read as classes');
});

test('memory stays bounded: the sample and the distinct values are capped', (t) => {
  const p = profile(range(SAMPLE_SIZE * 5, (i) => `value-${i}`));
  t.is(p.sample.length, SAMPLE_SIZE);
  t.is(p.distinct.size, MAX_DISTINCT);
  t.true(p.overflow);
  t.true(p.sample.some((s) => Number(s.slice(6)) >= SAMPLE_SIZE), 'later values replace earlier ones in the sample');
  t.deepEqual(p.lengths, { min: 7, max: 10, total: p.lengths!.total });
});

test('HBase cells: each column decoded alike, by what all its cells fit', async (t) => {
  const { cellDecoder } = await import('../../../src/analysis/hbase-cells.js');
  const int = (n: number) => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; };
  const float = (n: number) => { const b = Buffer.alloc(4); b.writeFloatBE(n); return b; };
  const long = (n: bigint) => { const b = Buffer.alloc(8); b.writeBigInt64BE(n); return b; };
  t.deepEqual([int(5), int(-70000)].map(cellDecoder([int(5), int(-70000)])), [5, -70000]);
  t.deepEqual([float(42.5), float(0.25)].map(cellDecoder([float(42.5), float(0.25)])), [42.5, 0.25]);
  t.deepEqual([long(10000000000n)].map(cellDecoder([long(10000000000n)])), [10000000000n]);
  t.deepEqual([Buffer.from([0xff]), Buffer.from([0])].map(cellDecoder([Buffer.from([0xff]), Buffer.from([0])])), [true, false]);
  t.deepEqual([Buffer.from('Zoé'), Buffer.from('1234')].map(cellDecoder([Buffer.from('Zoé'), Buffer.from('1234')])), ['Zoé', '1234']);
  t.deepEqual(cellDecoder([Buffer.from([1, 2, 3])])(Buffer.from([1, 2, 3])), Buffer.from([1, 2, 3]));
});
