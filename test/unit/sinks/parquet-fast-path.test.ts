/**
 * The Parquet encoder's fast path (per-kind conversion, PLAIN text handed over as UTF-8 bytes, snappy.ts) writes the
 * same data as the original path (values: 'generic'): read back with hyparquet, every row and every column chunk's
 * statistics and encodings are equal, on seeded rows of every model in models/ and the shared reference models and
 * on hostile values, with dictionaries on and off. With ASCII text the files are byte-identical.
 * snappy.ts gives hyparquet-writer's compressor's bytes, and they decompress to the input.
 */
import test from 'ava';
import { parquetMetadata, parquetReadObjects, snappyUncompress } from 'hyparquet';
import { snappyCompress as writerSnappy } from 'hyparquet-writer/src/snappy.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileModel } from '../../../src/model/compile.js';
import { withParentsFrom } from '../../helpers/model-parents.js';
import { parseModelText } from '../../../src/model/parse.js';
import { FIELD_TYPES, type Column, type FieldType, type Row, type Value } from '../../../src/model/types.js';
import { plainBySample, utf8Values } from '../../../src/sinks/files/parquet-columns.js';
import { parquetEncoder, type ParquetSettings } from '../../../src/sinks/files/parquet-encoder.js';
import { snappyCompress } from '../../../src/sinks/files/snappy.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const OURS = path.join(ROOT, 'models');
const REFERENCE = path.resolve(ROOT, '../shared/reference-models');
const REFERENCE_TIME = Date.UTC(2026, 10, 28, 12, 0, 0);

function modelFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f)) : [];
}

/** Small pages and row groups, so a few thousand rows make several of each. */
const SETTINGS: ParquetSettings[] = [
  { parquetPageSize: 8 * 1024, parquetRowGroupSize: 64 * 1024, parquetDictionaryPageSize: 16 * 1024, parquetDictionaryEncoding: true },
  { parquetPageSize: 8 * 1024, parquetRowGroupSize: 64 * 1024, parquetDictionaryPageSize: 16 * 1024, parquetDictionaryEncoding: false },
];

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer as ArrayBuffer;

/** What a reader sees: the rows, and per column chunk its encodings and statistics (bigints as text). */
async function readBack(bytes: Uint8Array): Promise<unknown> {
  const file = toArrayBuffer(bytes);
  const rows = await parquetReadObjects({ file, utf8: true });
  const meta = parquetMetadata(file);
  const chunks = meta.row_groups.map((g) => ({
    rows: g.num_rows,
    columns: g.columns.map((c) => ({ encodings: c.meta_data?.encodings, statistics: c.meta_data?.statistics })),
  }));
  return JSON.parse(JSON.stringify({ rows, chunks, rowCount: meta.num_rows }, (_, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? [...v] : v)));
}

const isAscii = (rows: Row[]) => rows.every((r) => Object.values(r).every((v) => typeof v !== 'string' || /^[\x00-\x7f]*$/.test(v)));

async function same(t: import('ava').ExecutionContext, columns: Column[], rows: Row[], label: string): Promise<void> {
  for (const settings of SETTINGS) {
    const what = `${label}, dictionary ${settings.parquetDictionaryEncoding}`;
    const fast = parquetEncoder(columns, settings).encodeFile(rows);
    const generic = parquetEncoder(columns, settings, { values: 'generic' }).encodeFile(rows);
    t.deepEqual(await readBack(fast), await readBack(generic), what);
    if (isAscii(rows)) t.true(Buffer.from(fast).equals(Buffer.from(generic)), `${what}: byte-identical`);
  }
}

const files = [...modelFiles(OURS), ...modelFiles(REFERENCE)];

test('the model lists are there', (t) => {
  t.true(modelFiles(OURS).length >= 5);
  if (!existsSync(REFERENCE)) t.log(`${REFERENCE} does not exist: only models/ compared`);
});

for (const file of files) {
  test(`${path.relative(path.dirname(ROOT), file)}: the Parquet fast path writes the generic path's data`, async (t) => {
    const model = await withParentsFrom(path.dirname(file))(parseModelText(readFileSync(file, 'utf8'), file));
    const generator = await compileModel(model, { dataDirs: [OURS] });
    try {
      const rows = generator.generate(42, 3, 1200, { referenceTime: REFERENCE_TIME, typedOutput: true });
      t.is(rows.length, 1200);
      await same(t, generator.columns, rows, 'seed 42');
    } finally {
      generator.dispose?.();
    }
  });
}

const HOSTILE_STRINGS = [
  '', 'plain', 'a"b', 'line\nfeed', '\u0000\u001f\u007f', '\u0080', 'é ü ß 漢字', 'emoji 😀 ok', 'lone \ud800 high', 'lone \udfff low', '\udc00\ud800',
  '\ufffd', 'end \udbff', '\uffff', 'a'.repeat(300), `${'漢'.repeat(100)}\ud800`,
];

function onType(type: FieldType): Array<Value | undefined> {
  switch (type) {
    case 'INTEGER': case 'INCREMENT_INTEGER': return [0, -0, 1, -1, 2147483647, -2147483648, null, undefined];
    case 'TIMESTAMP': return [0, -0, 1.7, -1.7, 2 ** 53, -(2 ** 53), 1e15, null];
    case 'FLOAT': return [0, -0, 0.1 + 0.2, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MIN_VALUE, null];
    case 'LONG': case 'INCREMENT_LONG': return [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), null];
    case 'BOOLEAN': return [true, false, null];
    case 'DATE': return [new Date(0), new Date(-1), new Date(8.64e15), null];
    case 'BIRTHDATE': return ['1970-01-01', '0000-01-01', '9999-12-31', '2001-02-30', '1999-13-01', '-0001-01-01', null];
    case 'BYTES': case 'HASH_MD5': return [new Uint8Array([]), new Uint8Array([0, 15, 171, 255]), null];
    default: return [...HOSTILE_STRINGS, null, undefined];
  }
}

test('hostile values on their column type, every field type, in rows with repeats (dictionary candidates) and without', async (t) => {
  const columns: Column[] = FIELD_TYPES.map((type) => ({ name: `c_${type}`, type }));
  const width = Math.max(...columns.map((c) => onType(c.type).length));
  const distinct = Array.from({ length: width }, (_, r) => Object.fromEntries(columns.map((c) => [c.name, onType(c.type)[r % onType(c.type).length]])) as Row);
  await same(t, columns, distinct, 'each value once');
  const repeated = Array.from({ length: 3000 }, (_, r) => distinct[(r * 7) % distinct.length]!);
  await same(t, columns, repeated, 'values repeated');
  const text: Column[] = [{ name: 's', type: 'STRING' }];
  const unique = Array.from({ length: 3000 }, (_, r) => ({ s: `${HOSTILE_STRINGS[r % HOSTILE_STRINGS.length]}#${r}` }));
  await same(t, text, unique, 'unique hostile text');
  await same(t, text, [], 'no rows');
});

test('a value that does not fit its column still fails naming the column', (t) => {
  const settings = SETTINGS[0]!;
  t.throws(() => parquetEncoder([{ name: 'n', type: 'INTEGER' }], settings).encodeFile([{ n: 1.5 }]), { message: /column "n" \(INTEGER\)/ });
  t.throws(() => parquetEncoder([{ name: 'd', type: 'BIRTHDATE' }], settings).encodeFile([{ d: '31/12/1999' }]), { message: /column "d" \(BIRTHDATE\)/ });
  t.throws(() => parquetEncoder([{ name: 'ts', type: 'TIMESTAMP' }], settings).encodeFile([{ ts: Number.NaN }]), { message: /column "ts" \(TIMESTAMP\)/ });
});

test('utf8Values: the bytes TextEncoder gives, nulls kept; plainBySample follows the writer\'s 90% rule', (t) => {
  const values = [...HOSTILE_STRINGS, null, 'x'.repeat(400_000), ...Array.from({ length: 5000 }, (_, i) => `v${i}é`)];
  const encoded = utf8Values(values);
  const encoder = new TextEncoder();
  values.forEach((v, i) => t.deepEqual(encoded[i] === null ? null : [...(encoded[i] as Uint8Array)], v === null ? null : [...encoder.encode(v as string)], `value ${i}`));
  t.true(plainBySample(Array.from({ length: 5000 }, (_, i) => `unique ${i}`)));
  t.false(plainBySample(Array.from({ length: 5000 }, (_, i) => ['GOLD', 'SILVER'][i % 2])));
  t.true(plainBySample([null, null]), 'no bytes at all: PLAIN');
});

/** A small seeded PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}

test('snappy.ts writes hyparquet-writer\'s snappy bytes, which decompress to the input (seeded inputs)', (t) => {
  const random = prng(3);
  const inputs: Uint8Array[] = [new Uint8Array(0), new Uint8Array(1), new Uint8Array(14), new Uint8Array(15), new Uint8Array(16).fill(3), new Uint8Array(200_000).fill(7)];
  for (let k = 0; k < 120; k++) {
    const n = Math.floor(random() ** 3 * 300_000);
    const alphabet = 1 + Math.floor(random() * 255);
    const a = new Uint8Array(n);
    for (let i = 0; i < n; i++) a[i] = random() < 0.4 && i > 0 ? a[Math.max(0, i - 1 - Math.floor(random() * 70_000))]! : Math.floor(random() * alphabet);
    inputs.push(a);
  }
  for (const [i, input] of inputs.entries()) {
    const ours = snappyCompress(input);
    t.true(Buffer.from(ours).equals(Buffer.from(writerSnappy(input))), `input ${i} (${input.length} bytes)`);
    const back = new Uint8Array(input.length);
    snappyUncompress(ours, back);
    t.true(Buffer.from(back).equals(Buffer.from(input)), `input ${i} round trip`);
  }
});
