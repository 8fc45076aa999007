/**
 * ORC files from the TypeScript writer read back by Apache ORC's C++ reader (pyarrow.orc, via readback.py): names,
 * types and every value of every column kind, with nulls, empty strings, unicode, 64-bit extremes, negative
 * numbers, timestamps before 1970; several stripes; each compression; dictionary and direct strings; an empty
 * file; and seeded rows of every example model. Serial: one Python reader at a time on a shared machine.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { compileModel } from '../../../src/model/compile.js';
import { withParentsFrom } from '../../helpers/model-parents.js';
import { parseModelText } from '../../../src/model/parse.js';
import type { Column, Row } from '../../../src/model/types.js';
import type { OrcOptions } from '../../../src/sinks/files/orc/orc-writer.js';
import { cols } from '../../helpers/readback-sinks.js';
import { ORC_COLUMNS, orcRows, writeOrc } from '../../helpers/orc-fixture.js';
import { expectedRows, readBack, type ReadBack } from '../../helpers/readback.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const MODELS = path.join(ROOT, 'models');

const TYPES: Record<string, string> = {
  id: 'string', name: 'string', age: 'int32', big: 'int64', score: 'double', active: 'bool', blob: 'binary', md5: 'binary',
  ts: 'timestamp[ns]', created: 'timestamp[ns]', birth: 'date32[day]', day: 'string', city: 'string',
};

let dir = '';
test.before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-orc-'));
});
test.after.always(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

let files = 0;
async function roundTrip(columns: Column[], rows: Row[], options: Partial<OrcOptions> = {}, chunkRows?: number): Promise<ReadBack> {
  const file = path.join(dir, `f${files++}.orc`);
  await writeFile(file, writeOrc(columns, rows, options, chunkRows));
  return readBack('orc', file);
}

for (const compression of ['NONE', 'ZLIB', 'SNAPPY', 'ZSTD'] as const) {
  test.serial(`${compression}: every column kind with nulls and edge values, three stripes, read back equal`, async (t) => {
    const rows = orcRows(2500);
    const back = await roundTrip(ORC_COLUMNS, rows, { compression, stripeRows: 1000 }, 333);
    t.deepEqual(back.columns, ORC_COLUMNS.map((c) => c.name));
    t.deepEqual(back.types, ORC_COLUMNS.map((c) => TYPES[c.name]));
    t.deepEqual(back.meta.stripe_rows, [1000, 1000, 500]);
    t.is(back.meta.compression, compression === 'NONE' ? 'UNCOMPRESSED' : compression);
    t.is(back.meta.file_version, '0.12');
    t.deepEqual(back.rows, expectedRows(ORC_COLUMNS, rows, true));
    // The fixture really holds what the title says.
    const at = (name: string) => ORC_COLUMNS.findIndex((c) => c.name === name);
    t.true(back.rows.some((r) => r[at('big')] === '-9223372036854775808') && back.rows.some((r) => r[at('age')] === '-2147483648'));
    t.true(back.rows.some((r) => r[at('name')] === '') && back.rows.some((r) => r[at('blob')] === ''));
    t.true(back.rows.some((r) => String(r[at('name')]).startsWith('𝄞')));
    t.true(back.rows.some((r) => r[at('ts')] === '1969-12-31T23:59:58.500Z'));
    t.true(back.rows.some((r) => r[at('created')] === '1969-12-31T23:59:58.999Z'));
    for (const c of ORC_COLUMNS) t.true(back.rows.some((r) => r[at(c.name)] === null), `${c.name} has nulls`);
  });
}

test.serial('stripes by encoded size: checked every 1024 rows', async (t) => {
  const rows = orcRows(2100);
  const back = await roundTrip(ORC_COLUMNS, rows, { stripeSize: 1 }, 100);
  t.deepEqual(back.meta.stripe_rows, [1024, 1024, 52]);
  t.deepEqual(back.rows, expectedRows(ORC_COLUMNS, rows, true));
});

test.serial('strings: dictionary, direct from the start, direct after 10,000 values, with nulls', async (t) => {
  const columns = cols({ few: 'STRING', many: 'STRING', ninety: 'STRING', late: 'STRING' });
  const rows: Row[] = Array.from({ length: 12_345 }, (_, k) => ({
    few: k % 9 === 0 ? null : ['b', 'a', 'Ä', '', 'zz'][k % 5]!,
    // All distinct: direct after 1,024 values.
    many: k % 17 === 0 ? null : `value ${k * 7919}`,
    // 90% distinct: a dictionary until 10,000 values, then replayed as direct.
    ninety: k % 13 === 0 ? null : `n${Math.floor(k * 0.9)}`,
    // Repeats for the first 10,000 values (dictionary chosen), distinct after.
    late: k < 10_000 ? `r${k % 100}` : `distinct ${k}`,
  }));
  const back = await roundTrip(columns, rows, { compression: 'ZLIB' }, 1000);
  t.deepEqual(back.types, ['string', 'string', 'string', 'string']);
  t.deepEqual(back.rows, expectedRows(columns, rows, true));
});

test.serial('integers: runs, steps, random values and large ones in the same stream', async (t) => {
  const columns = cols({ i: 'INTEGER', l: 'LONG' });
  const rows: Row[] = [];
  let x = 12345;
  for (let k = 0; k < 5000; k++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const i = k < 700 ? 5 : k < 1500 ? 3 * k - 4000 : k % 3 === 0 ? -x : x;
    const l = k % 500 === 0 ? 2n ** 62n + BigInt(k) : k < 2000 ? BigInt(k * 1000) : BigInt(x) * (k % 2 ? -1n : 1n) * 65536n;
    rows.push({ i, l: k % 250 === 1 ? null : l });
  }
  const back = await roundTrip(columns, rows);
  t.deepEqual(back.types, ['int32', 'int64']);
  t.deepEqual(back.rows, expectedRows(columns, rows, true));
});

test.serial('columns holding only nulls, over several stripes', async (t) => {
  const rows: Row[] = Array.from({ length: 50 }, () => Object.fromEntries(ORC_COLUMNS.map((c) => [c.name, null])));
  const back = await roundTrip(ORC_COLUMNS, rows, { stripeRows: 20 });
  t.deepEqual(back.meta.stripe_rows, [20, 20, 10]);
  t.deepEqual(back.types, ORC_COLUMNS.map((c) => TYPES[c.name]));
  t.deepEqual(back.rows, rows.map(() => ORC_COLUMNS.map(() => null)));
});

test.serial('an empty file: the schema and no rows', async (t) => {
  const back = await roundTrip(ORC_COLUMNS, []);
  t.deepEqual(back.columns, ORC_COLUMNS.map((c) => c.name));
  t.deepEqual(back.types, ORC_COLUMNS.map((c) => TYPES[c.name]));
  t.is(back.meta.num_rows, 0);
  t.is(back.meta.num_stripes, 0);
});

const modelFiles = readdirSync(MODELS).filter((f) => f.endsWith('.json')).sort();
test('the example models are there', (t) => t.true(modelFiles.length >= 5));

for (const name of modelFiles) {
  test.serial(`models/${name}: seeded rows written as ORC read back equal`, async (t) => {
    const file = path.join(MODELS, name);
    const generator = await compileModel(await withParentsFrom(MODELS)(parseModelText(readFileSync(file, 'utf8'), file)), { dataDirs: [MODELS] });
    try {
      const rows = [0, 1, 2].flatMap((batch) => generator.generate(2026, batch, 700, { referenceTime: Date.UTC(2026, 10, 28, 12), typedOutput: true }));
      const back = await roundTrip(generator.columns, rows, { stripeRows: 1000 }, 250);
      t.deepEqual(back.columns, generator.columns.map((c) => c.name));
      t.deepEqual(back.meta.stripe_rows, [1000, 1000, 100]);
      t.deepEqual(back.rows, expectedRows(generator.columns, rows, true));
    } finally {
      generator.dispose?.();
    }
  });
}
