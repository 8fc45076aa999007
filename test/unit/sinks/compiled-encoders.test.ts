/**
 * The compiled json/csv encoders write the same bytes as the generic ones (json-encoder.ts, csv-encoder.ts): on
 * seeded rows of every model in models/ and the shared reference models, and on hostile values in every column kind.
 */
import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileModel } from '../../../src/model/compile.js';
import { withParentsFrom } from '../../helpers/model-parents.js';
import { parseModelText } from '../../../src/model/parse.js';
import { FIELD_TYPES, type Column, type FieldType, type Row, type Value } from '../../../src/model/types.js';
import { compileCsv, compileJsonLines, compiledEncoder } from '../../../src/sinks/files/compiled-encoders.js';
import { csvEncoder } from '../../../src/sinks/files/csv-encoder.js';
import { jsonLinesEncoder } from '../../../src/sinks/files/json-encoder.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const OURS = path.join(ROOT, 'models');
const REFERENCE = path.resolve(ROOT, '../shared/reference-models');
const REFERENCE_TIME = Date.UTC(2026, 10, 28, 12, 0, 0);

function modelFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f)) : [];
}

function same(t: import('ava').ExecutionContext, columns: Column[], rows: Row[], label: string): void {
  t.is(compileJsonLines(columns)(rows), jsonLinesEncoder(columns)(rows), `json: ${label}`);
  t.is(compileCsv(columns)(rows), csvEncoder(columns)(rows), `csv: ${label}`);
}

const files = [...modelFiles(OURS), ...modelFiles(REFERENCE)];

test('the model lists are there', (t) => {
  t.true(modelFiles(OURS).length >= 5);
  if (!existsSync(REFERENCE)) t.log(`${REFERENCE} does not exist: only models/ compared`);
});

for (const file of files) {
  test(`${path.relative(path.dirname(ROOT), file)}: compiled json and csv equal the generic encoders on seeded rows`, async (t) => {
    const model = await withParentsFrom(path.dirname(file))(parseModelText(readFileSync(file, 'utf8'), file));
    const generator = await compileModel(model, { dataDirs: [OURS] });
    try {
      for (const seed of [1, 42, 2026]) {
        const rows = generator.generate(seed, seed % 5, 300, { referenceTime: REFERENCE_TIME });
        t.is(rows.length, 300);
        same(t, generator.columns, rows, `seed ${seed}`);
      }
    } finally {
      generator.dispose?.();
    }
  });
}

const HOSTILE_STRINGS = [
  '', 'plain', 'a"b', 'back\\slash', 'line\nfeed', 'carriage\rreturn', 'crlf\r\n', 'tab\there', '\u0000\u0001\u001f\u007f',
  'comma,in', '"', ',', '\u2028\u2029', 'emoji 😀 ok', 'lone \ud800 high', 'lone \udfff low', '\udc00\ud800', 'é ü ß 漢字', ' x ',
];
const HOSTILE_NUMBERS = [0, -0, 1, -1, 5, 0.1 + 0.2, 1e21, -1e21, 1.5e-7, 4598374331607392000, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2147483647, -2147483648];
const HOSTILE_BIGINTS = [0n, -1n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 100n];
const HOSTILE_OTHERS: Value[] = [
  true, false, null, new Date(0), new Date(-62198755200000), new Date(253402300800000), new Date(Number.NaN),
  new Uint8Array([]), new Uint8Array([0, 15, 171, 255]),
];
const ALL: Array<Value | undefined> = [...HOSTILE_STRINGS, ...HOSTILE_NUMBERS, ...HOSTILE_BIGINTS, ...HOSTILE_OTHERS, undefined];

/** The values a column of this type generates, plus nulls: what the generic direct JSON path also sees. */
function onType(type: FieldType): Array<Value | undefined> {
  switch (type) {
    case 'INTEGER': case 'INCREMENT_INTEGER': case 'TIMESTAMP': case 'FLOAT': return [...HOSTILE_NUMBERS, null];
    case 'LONG': case 'INCREMENT_LONG': return [...HOSTILE_BIGINTS, null];
    case 'BOOLEAN': return [true, false, null];
    case 'DATE': return [new Date(0), new Date(-62198755200000), new Date(253402300800000), new Date(Number.NaN), null];
    case 'BYTES': case 'HASH_MD5': return [new Uint8Array([]), new Uint8Array([0, 15, 171, 255]), null];
    default: return [...HOSTILE_STRINGS, null];
  }
}

test('hostile values on their column type, every field type, one column at a time and all together', (t) => {
  const columns: Column[] = FIELD_TYPES.map((type, i) => ({ name: `${type.toLowerCase()}${i % 3 === 0 ? ',"\n' : ''}`, type }));
  for (const column of columns) same(t, [column], onType(column.type).map((v) => ({ [column.name]: v }) as Row), column.type);
  const width = Math.max(...columns.map((c) => onType(c.type).length));
  const rows = Array.from({ length: width }, (_, r) => Object.fromEntries(columns.map((c) => [c.name, onType(c.type)[r % onType(c.type).length]])) as Row);
  same(t, columns, rows, 'every type in one row');
});

test('values off their column type (a LINK or formula copying another kind) fall back to the generic text', (t) => {
  // A bigint or byte column keeps the generic json encoder off its JSON.stringify(row) path, whose rendering of
  // off-type objects (a Uint8Array as {"0":..}) and of undefined (key dropped) differs from its own exact path.
  const columns: Column[] = [...FIELD_TYPES.map((type) => ({ name: `c_${type}`, type })), { name: 'guard', type: 'LONG' }];
  const rows = ALL.map((v) => Object.fromEntries([...columns.map((c) => [c.name, v]), ['guard', 1n]]) as Row);
  same(t, columns, rows, 'every value in every type');
});

/** A small seeded PRNG (mulberry32), so a failing case can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}

test('property: random values in random columns encode alike (seeded)', (t) => {
  const random = prng(12);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const units = ['"', ',', '\r', '\n', '\\', 'a', 'Z', ' ', '\u0000', '\u001f', '\ud800', '\udc00', '😀', 'é', '\u2028'];
  const text = () => Array.from({ length: Math.floor(random() * 6) }, () => pick(units)).join('');
  const value = (): Value => {
    switch (Math.floor(random() * 8)) {
      case 0: case 1: return text();
      case 2: return (random() - 0.5) * 10 ** Math.floor(random() * 30 - 8);
      case 3: return Math.floor((random() - 0.5) * 2 ** 40);
      case 4: return BigInt(Math.floor((random() - 0.5) * 2 ** 52)) * BigInt(Math.floor(random() * 2 ** 20));
      case 5: return random() < 0.5;
      case 6: return pick<Value>([null, new Date(Math.floor((random() - 0.5) * 2 ** 44)), new Date(Number.NaN)]);
      default: return Uint8Array.from({ length: Math.floor(random() * 5) }, () => Math.floor(random() * 256));
    }
  };
  for (let run = 0; run < 400; run++) {
    const columns: Column[] = Array.from({ length: 1 + Math.floor(random() * 8) }, (_, i) => ({ name: `${text()}#${i}`, type: pick(FIELD_TYPES) }));
    columns.push({ name: 'guard', type: 'LONG' });
    const onTypeOnly = run % 2 === 0;
    const rows = Array.from({ length: Math.floor(random() * 6) }, () =>
      Object.fromEntries(columns.map((c) => [c.name, c.name === 'guard' ? 7n : onTypeOnly ? pick(onType(c.type)) : value()])) as Row);
    same(t, columns, rows, `run ${run}`);
  }
});

test('no columns, no rows, a __proto__ column and a column list too long to unroll', (t) => {
  same(t, [], [{}, {}], 'no columns');
  same(t, [{ name: 'a', type: 'STRING' }], [], 'no rows');
  same(t, [{ name: '__proto__', type: 'STRING' }, { name: 'n', type: 'LONG' }], [{ ['__proto__']: 'x"', n: 1n } as Row], '__proto__');
  const wide: Column[] = Array.from({ length: 2100 }, (_, i) => ({ name: `f${i}`, type: i % 2 ? 'FLOAT' : 'STRING' }));
  const row = Object.fromEntries(wide.map((c, i) => [c.name, i % 2 ? i : `s"${i}`])) as Row;
  same(t, wide, [row, row], '2100 columns');
});

test('compiledEncoder compiles once per format and column list', (t) => {
  const columns: Column[] = [{ name: 'a', type: 'STRING' }];
  t.is(compiledEncoder('json', columns), compiledEncoder('json', [{ name: 'a', type: 'STRING' }]));
  t.not(compiledEncoder('json', columns), compiledEncoder('csv', columns));
  t.not(compiledEncoder('json', columns), compiledEncoder('json', [{ name: 'a', type: 'NAME' }]));
  t.is(compiledEncoder('csv', columns)([{ a: 'x,y' }]), '"x,y"\r\n');
});
