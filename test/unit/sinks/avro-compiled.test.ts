/**
 * The compiled Avro record writer gives avsc's bytes: the container file of avroEncoder equals the one built the
 * original way (each row converted to a record object, encoded by avsc's type.encode, cut into blocks of about
 * 64 KB), on seeded rows of every model in models/ and the shared reference models, and on hostile values in every
 * column kind; where avsc or a conversion throws, the compiled path throws the same error.
 */
import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileModel } from '../../../src/model/compile.js';
import { withParentsFrom } from '../../helpers/model-parents.js';
import { parseModelText } from '../../../src/model/parse.js';
import { FIELD_TYPES, type Column, type FieldType, type ModelDefinition, type Row, type Value } from '../../../src/model/types.js';
import { avroEncoder, syncMarker } from '../../../src/sinks/files/avro-encoder.js';
import { avroRecordType } from '../../../src/sinks/files/avro-record.js';
import { convertValue } from '../../../src/sinks/files/column-kinds.js';
import { modelFor } from '../../helpers/readback-sinks.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const OURS = path.join(ROOT, 'models');
const REFERENCE = path.resolve(ROOT, '../shared/reference-models');
const REFERENCE_TIME = Date.UTC(2026, 10, 28, 12, 0, 0);
const SYNC = syncMarker('avro-compiled-test');

function modelFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f)) : [];
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  let z = n * 2;
  while (z >= 0x80) {
    bytes.push((z % 0x80) | 0x80);
    z = Math.floor(z / 0x80);
  }
  bytes.push(z);
  return Buffer.from(bytes);
}

/** The original encoder: a record object per row, avsc's type.encode, a block when 64 KB are reached. */
function referenceEncoder(model: ModelDefinition, columns: Column[]): (rows: Row[]) => Buffer {
  const { type, fields } = avroRecordType(model, columns);
  const header = avroEncoder(model, columns).header(SYNC);
  return (rows) => {
    const chunks: Buffer[] = [header];
    let records: Buffer[] = [];
    let bytes = 0;
    const flush = () => {
      if (!records.length) return;
      chunks.push(varint(records.length), varint(bytes), ...records, SYNC);
      records = [];
      bytes = 0;
    };
    for (const row of rows) {
      const rec: Record<string, unknown> = {};
      for (const f of fields) {
        const v = row[f.column];
        rec[f.name] = v === null || v === undefined ? null : convertValue({ name: f.column, type: f.type }, f.convert, v);
      }
      const encoded = type.toBuffer(rec);
      records.push(encoded);
      bytes += encoded.length;
      if (bytes >= 64 * 1024) flush();
    }
    flush();
    return Buffer.concat(chunks);
  };
}

type Outcome = { bytes: Buffer } | { error: string };

function outcome(encode: () => Buffer): Outcome {
  try {
    return { bytes: encode() };
  } catch (err) {
    return { error: `${(err as Error).constructor.name}: ${(err as Error).message}` };
  }
}

/** Short failure messages: a diff of megabytes of hex would take the test runner minutes. */
function sameOutcome(t: import('ava').ExecutionContext, actual: Outcome, expected: Outcome, label: string): void {
  if ('bytes' in actual && 'bytes' in expected) {
    const a = actual.bytes;
    const e = expected.bytes;
    let i = 0;
    while (i < a.length && i < e.length && a[i] === e[i]) i++;
    t.true(a.equals(e), `${label}: ${a.length} bytes, expected ${e.length}, first difference at ${i}`);
  } else if ('error' in actual && 'error' in expected) {
    t.is(actual.error, expected.error, label);
  } else {
    t.fail(`${label}: ${'error' in actual ? actual.error : 'bytes'}, expected ${'error' in expected ? expected.error : 'bytes'}`);
  }
}

type Check = (rows: Row[], label: string) => void;

/** Compares, for rows of `columns`, the compiled encoder and the records: 'avsc' option with the original encoder. */
function checker(t: import('ava').ExecutionContext, columns: Column[]): Check {
  const model = modelFor('m', columns, { AVRO_NAME: 'Row' });
  const reference = referenceEncoder(model, columns);
  const compiled = avroEncoder(model, columns);
  const generic = avroEncoder(model, columns, { records: 'avsc' });
  return (rows, label) => {
    const expected = outcome(() => reference(rows));
    sameOutcome(t, outcome(() => compiled.encodeFile(rows, SYNC)), expected, `compiled: ${label}`);
    sameOutcome(t, outcome(() => generic.encodeFile(rows, SYNC)), expected, `avsc option: ${label}`);
  };
}

function same(t: import('ava').ExecutionContext, columns: Column[], rows: Row[], label: string): void {
  checker(t, columns)(rows, label);
}

const files = [...modelFiles(OURS), ...modelFiles(REFERENCE)];

test('the model lists are there', (t) => {
  t.true(modelFiles(OURS).length >= 5);
  if (!existsSync(REFERENCE)) t.log(`${REFERENCE} does not exist: only models/ compared`);
});

for (const file of files) {
  test(`${path.relative(path.dirname(ROOT), file)}: compiled Avro equals avsc's encoding on seeded rows`, async (t) => {
    const model = await withParentsFrom(path.dirname(file))(parseModelText(readFileSync(file, 'utf8'), file));
    const generator = await compileModel(model, { dataDirs: [OURS] });
    try {
      for (const [seed, rows] of [[1, 300], [42, 1500], [2026, 3000]] as const) {
        const batch = generator.generate(seed, seed % 5, rows, { referenceTime: REFERENCE_TIME, typedOutput: true });
        const expected = { bytes: referenceEncoder(model, generator.columns)(batch) };
        const encoder = avroEncoder(model, generator.columns);
        sameOutcome(t, outcome(() => encoder.encodeFile(batch, SYNC)), expected, `seed ${seed}, ${rows} rows`);
        sameOutcome(t, outcome(() => Buffer.concat([encoder.header(SYNC), encoder.blocks(batch, SYNC)])), expected, `seed ${seed}: header + blocks`);
      }
    } finally {
      generator.dispose?.();
    }
  });
}

/** Strings around avsc's 64-byte switch between its own loop and Buffer's encoder, in one-, two- and three-byte units. */
const HOSTILE_STRINGS = [
  '', 'plain', 'a"b', 'line\nfeed', '\u0000\u0001\u001f\u007f', '\u0080', '\u07ff', '\u0800', '\uffff', 'é ü ß 漢字', 'emoji 😀 ok', '😀',
  'lone \ud800 high', 'lone \udfff low', '\udc00\ud800', 'end \udbff', '\ud800', '\udc00', '\ud83d\ude00\ud83d',
  'a'.repeat(21), 'a'.repeat(22), 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(65), 'a'.repeat(200), 'a'.repeat(70_000),
  'é'.repeat(31) + 'a', 'é'.repeat(32), 'é'.repeat(32) + 'a', '漢'.repeat(21) + 'a', '漢'.repeat(21) + 'ab', '😀'.repeat(16), '😀'.repeat(16) + 'a',
  '\ud800'.repeat(21) + 'a', '\ud800'.repeat(21) + 'ab', '\ud800'.repeat(22), 'x'.repeat(62) + '\udfff', 'x'.repeat(100) + '\ud800' + 'x'.repeat(10),
  `${'😀'.repeat(40)}\ud800`,
];
const HOSTILE_NUMBERS = [
  0, -0, 1, -1, 63, 64, -64, -65, 8191, 8192, 2 ** 30 - 1, 2 ** 30, -(2 ** 30), -(2 ** 30) - 1, 2147483647, -2147483648, 2147483648, -2147483649,
  0.1 + 0.2, 1.7, -1.7, 1e21, -1e21, 1.5e-7, 2 ** 52, 2 ** 52 + 2, -(2 ** 52) - 2, 2 ** 53, -(2 ** 53), 4598374331607392000, 1e20,
  Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Number.MAX_VALUE, Number.MIN_VALUE, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY,
];
const HOSTILE_BIGINTS = [
  0n, -1n, 1n, 2n ** 52n, 2n ** 52n + 1n, -(2n ** 52n) - 1n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 62n, -(2n ** 62n) - 1n,
  2n ** 63n - 1n, -(2n ** 63n), 2n ** 63n, -(2n ** 63n) - 1n, 2n ** 100n,
];
const HOSTILE_DAYS = [
  '1970-01-01', '1969-12-31', '0000-01-01', '0000-02-29', '0001-03-01', '9999-12-31', '2000-02-29', '2001-02-29', '2001-02-30', '2024-01-00',
  '2024-04-31', '2024-12-99', '2024-00-10', '2024-13-01', '-0001-01-01', '12345-06-07', '275760-09-13', '275760-09-14', '1970-1-1', 'nope',
  '１９７０-01-01',
];
const HOSTILE_OTHERS: Value[] = [
  true, false, null, new Date(0), new Date(-1), new Date(8.64e15), new Date(-8.64e15), new Date(2 ** 52 + 1), new Date(Number.NaN),
  new Uint8Array([]), new Uint8Array([0, 15, 171, 255]), Buffer.from('buf'), new Uint8Array(300).fill(7), new Uint8Array([1, 2, 3, 4]).subarray(1, 3),
];
const ALL: Array<Value | undefined> = [...HOSTILE_STRINGS, ...HOSTILE_NUMBERS, ...HOSTILE_BIGINTS, ...HOSTILE_DAYS, ...HOSTILE_OTHERS, undefined];

/** The values a column of this type generates, hostile ones included, plus nulls. */
function onType(type: FieldType): Array<Value | undefined> {
  switch (type) {
    case 'INTEGER': case 'INCREMENT_INTEGER': case 'TIMESTAMP': case 'FLOAT': return [...HOSTILE_NUMBERS, null, undefined];
    case 'LONG': case 'INCREMENT_LONG': return [...HOSTILE_BIGINTS, null];
    case 'BOOLEAN': return [true, false, null];
    case 'DATE': return [new Date(0), new Date(-1), new Date(8.64e15), new Date(-8.64e15), new Date(2 ** 52 + 1), new Date(Number.NaN), null];
    case 'BIRTHDATE': return [...HOSTILE_DAYS, null];
    case 'BYTES': case 'HASH_MD5': return [new Uint8Array([]), new Uint8Array([0, 15, 171, 255]), new Uint8Array(300).fill(7), null];
    default: return [...HOSTILE_STRINGS, null, undefined];
  }
}

test('hostile values on their column type, each alone (bytes or the same error)', (t) => {
  for (const type of FIELD_TYPES) {
    const column: Column = { name: `c_${type}`, type };
    const check = checker(t, [column]);
    for (const v of onType(type)) check([{ [column.name]: v } as Row], `${type} ${typeof v} ${String(v).slice(0, 40)}`);
  }
});

test('every value in every column type, each alone: off-type values convert or fail as the generic path does', (t) => {
  for (const type of FIELD_TYPES) {
    const column: Column = { name: `c_${type}`, type };
    const check = checker(t, [column]);
    for (const v of ALL) check([{ [column.name]: v } as Row], `${type} ${typeof v} ${String(v).slice(0, 40)}`);
  }
});

test('hostile values of every type in wide rows, across several blocks and buffer growth', (t) => {
  const columns: Column[] = FIELD_TYPES.map((type, i) => ({ name: `${type.toLowerCase()}${i % 3 === 0 ? '-"\n' : ''}${i}`, type }));
  // Only values that encode, so that the rows make a file: off-range ones are checked one at a time above.
  const encodes = (c: Column, v: Value | undefined) => 'bytes' in outcome(() => referenceEncoder(modelFor('m', [c]), [c])([{ [c.name]: v } as Row]));
  const values = columns.map((c) => onType(c.type).filter((v) => encodes(c, v)));
  const rows = Array.from({ length: 400 }, (_, r) => Object.fromEntries(columns.map((c, i) => [c.name, values[i]![(r * (i + 1)) % values[i]!.length]])) as Row);
  same(t, columns, rows, 'every type in one row');
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
  const units = ['a', 'Z', ' ', '\u0000', '\u007f', '\u0080', '\u07ff', '\u0800', '\ud800', '\udc00', '😀', 'é', '漢', '\uffff'];
  const text = () => Array.from({ length: Math.floor(random() ** 2 * 90) }, () => pick(units)).join('');
  const value = (): Value | undefined => {
    switch (Math.floor(random() * 9)) {
      case 0: case 1: return text();
      case 2: return (random() - 0.5) * 10 ** Math.floor(random() * 30 - 8);
      case 3: return Math.floor((random() - 0.5) * 2 ** Math.floor(random() * 56));
      case 4: return BigInt(Math.floor((random() - 0.5) * 2 ** 52)) * BigInt(Math.floor(random() * 2 ** 12));
      case 5: return random() < 0.5;
      case 6: return pick<Value | undefined>([null, undefined, new Date(Math.floor((random() - 0.5) * 2 ** 44))]);
      case 7: return `${String(Math.floor(random() * 10000)).padStart(4, '0')}-${String(Math.floor(random() * 14)).padStart(2, '0')}-${String(Math.floor(random() * 40)).padStart(2, '0')}`;
      default: return Uint8Array.from({ length: Math.floor(random() * 70) }, () => Math.floor(random() * 256));
    }
  };
  for (let run = 0; run < 300; run++) {
    const columns: Column[] = Array.from({ length: 1 + Math.floor(random() * 8) }, (_, i) => ({ name: `f${i}`, type: pick(FIELD_TYPES) }));
    const onTypeOnly = run % 2 === 0;
    const rows = Array.from({ length: Math.floor(random() * 40) }, () =>
      Object.fromEntries(columns.map((c) => [c.name, onTypeOnly ? pick(onType(c.type)) : value()])) as Row);
    same(t, columns, rows, `run ${run}`);
  }
});

test('no rows, no columns, a __proto__ column and a column list too long to compile', (t) => {
  same(t, [{ name: 'a', type: 'STRING' }], [], 'no rows');
  same(t, [], [{}, {}], 'no columns');
  same(t, [{ name: '__proto__', type: 'STRING' }, { name: 'n', type: 'LONG' }], [{ ['__proto__']: 'x"', n: 1n } as Row, { n: 2n }], '__proto__');
  const wide: Column[] = Array.from({ length: 2100 }, (_, i) => ({ name: `f${i}`, type: i % 2 ? 'FLOAT' : 'STRING' }));
  const row = Object.fromEntries(wide.map((c, i) => [c.name, i % 2 ? i : `s"${i}`])) as Row;
  same(t, wide, [row, row], '2100 columns');
});
