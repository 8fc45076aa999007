/**
 * Dirty rows (docs/dirty-data.md) of every value kind through the file sinks, read back by another implementation
 * (pyarrow, fastavro; JSON Lines parsed here, as pyarrow refuses a column whose type changes): nulls are the format's nulls, malformed values are stored as generated (in typed
 * formats: truncated or out of range, never of the wrong type), duplicates are rows like the others.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { compileModel } from '../../src/model/compile.js';
import { emptyFaultCounts } from '../../src/model/faults/counts.js';
import { parseModel } from '../../src/model/parse.js';
import { avroSink, jsonSink, parquetSink } from '../../src/sinks/files/local-sinks.js';
import type { Column } from '../../src/model/types.js';
import type { Sink } from '../../src/sinks/types.js';
import { ctxFor, runSink, tempDataDir } from '../helpers/readback-sinks.js';
import { expectedRows, readBack, type Format } from '../helpers/readback.js';

const faulty = { null_rate: 0.1, malformed_rate: 0.2 };
const MODEL = parseModel({
  Fields: [
    { name: 'i', type: 'INTEGER', min: 0, max: 1000, ...faulty },
    { name: 'l', type: 'LONG', min: 0, max: 1_000_000, ...faulty },
    { name: 'f', type: 'FLOAT', min: 0, max: 10, ...faulty },
    { name: 'b', type: 'BOOLEAN', ...faulty },
    { name: 'ts', type: 'TIMESTAMP', ...faulty, late_rate: 0.3 },
    { name: 'd', type: 'DATE', min_date: '2020-01-01T00:00:00Z', max_date: '2021-01-01T00:00:00Z', ...faulty, late_rate: 0.3, late_by: 3_600_000 },
    { name: 'bd', type: 'BIRTHDATE', ...faulty },
    { name: 's', type: 'STRING', length: 8, ...faulty, empty_rate: 0.1 },
    { name: 'bytes', type: 'BYTES', length: 6, ...faulty },
  ],
  Options: { DUPLICATE_RATE: 0.05, NEAR_DUPLICATE_RATE: 0.05 },
});
const ROWS = 2000;

/** JSON Lines in readback.py's form: integers (but a FLOAT's) as their text. */
async function jsonRows(file: string, columns: Column[]): Promise<unknown[][]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
  return lines.map((l) => {
    const o = JSON.parse(l) as Record<string, unknown>;
    return columns.map((c) => {
      const v = o[c.name];
      return typeof v === 'number' && Number.isInteger(v) && c.type !== 'FLOAT' ? String(v) : v;
    });
  });
}

const SINKS: [Format, Sink, boolean][] = [
  ['parquet', parquetSink, true],
  ['avro', avroSink, true],
  ['json', jsonSink, false],
];

for (const [format, sink, typed] of SINKS) {
  test.serial(`${format}: dirty rows of every kind read back as written`, async (t) => {
    const generator = await compileModel(MODEL);
    const counts = emptyFaultCounts();
    const rows = generator.generate(5, 0, ROWS, { referenceTime: Date.UTC(2026, 0, 1), typedOutput: typed, faultCounts: counts });
    generator.dispose?.();
    t.true(counts.null > 0 && counts.malformed > 0 && counts.late > 0 && counts.empty > 0 && counts.duplicate > 0 && counts.nearDuplicate > 0);
    const dataDir = await tempDataDir();
    await runSink(sink, ctxFor({ dataDir, columns: generator.columns, batches: 1, rowsPerBatch: ROWS, name: 'dirty' }), [rows]);
    const dir = path.join(dataDir, 'output', 'dirty');
    const [file] = await readdir(dir);
    const back = format === 'json' ? await jsonRows(path.join(dir, file!), generator.columns) : (await readBack(format, path.join(dir, file!))).rows;
    t.deepEqual(back, expectedRows(generator.columns, rows, typed));
    for (const [k, c] of generator.columns.entries()) t.true(back.some((r) => r[k] === null), `${c.name} has nulls`);
    const wrongType = rows.some((r) => typeof r.i === 'string' || typeof r.s === 'number' || typeof r.b === 'string');
    t.is(wrongType, !typed, typed ? 'no wrong types in a typed format' : 'wrong types in JSON');
  });
}
