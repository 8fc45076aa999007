/**
 * Every file format read back by a different implementation (pyarrow, fastavro, Python json/csv) and compared
 * with the rows that were written: row count, column names, column types and every value.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { compileModel } from '../../src/model/compile.js';
import { avroSink, csvSink, jsonSink, parquetSink } from '../../src/sinks/files/local-sinks.js';
import type { Sink } from '../../src/sinks/types.js';
import { FIXTURE_COLUMNS, fixtureBatches } from '../helpers/readback-fixture.js';
import { cols, ctxFor, modelFor, runSink, tempDataDir } from '../helpers/readback-sinks.js';
import { expectedRows, readBack, type Format } from '../helpers/readback.js';

const NAMES = FIXTURE_COLUMNS.map((c) => c.name);

/** The column types each reader must report, by column name. */
const TYPES: Record<Format, Record<string, string>> = {
  parquet: {
    id: 'string', name: 'string', age: 'int32', big: 'int64', score: 'double', active: 'bool', blob: 'binary', md5: 'binary',
    ts: 'timestamp[ms, tz=UTC]', created: 'timestamp[ms, tz=UTC]', birth: 'date32[day]', day: 'string', city: 'string',
  },
  avro: {
    id: '"string"', name: '"string"', age: '"int"', big: '"long"', score: '"double"', active: '"boolean"', blob: '"bytes"', md5: '"bytes"',
    ts: '{"logicalType": "timestamp-millis", "type": "long"}', created: '{"logicalType": "timestamp-millis", "type": "long"}',
    birth: '{"logicalType": "date", "type": "int"}', day: '"string"', city: '"string"',
  },
  json: { id: 'string', name: 'string', age: 'int64', big: 'int64', score: 'double', active: 'bool', ts: 'int64', day: 'string', city: 'string' },
  csv: { id: 'string', name: 'string', age: 'int64', big: 'int64', score: 'double', active: 'bool', ts: 'int64', birth: 'date32[day]', day: 'string', city: 'string' },
};

const SINKS: [Format, Sink, boolean][] = [
  ['parquet', parquetSink, true],
  ['avro', avroSink, true],
  ['json', jsonSink, false],
  ['csv', csvSink, false],
];

for (const [format, sink, typed] of SINKS) {
  test(`${format}: one file per batch, read back by another implementation with the same names, types and values`, async (t) => {
    const dataDir = await tempDataDir();
    const batches = fixtureBatches(3, 40);
    const ctx = ctxFor({ dataDir, columns: FIXTURE_COLUMNS, batches: 3, rowsPerBatch: 40, name: 'customer' });
    await runSink(sink, ctx, batches);

    const dir = path.join(dataDir, 'output', 'customer');
    const files = (await readdir(dir)).sort();
    t.deepEqual(files, [0, 1, 2].map((b) => `customer-${String(b).padStart(10, '0')}.${format}`));
    for (const [b, rows] of batches.entries()) {
      const back = await readBack(format, path.join(dir, files[b]!));
      t.deepEqual(back.columns, NAMES);
      t.is(back.rows.length, rows.length);
      for (const [name, type] of Object.entries(TYPES[format])) t.is(back.types[NAMES.indexOf(name)], type, `type of ${name}`);
      t.deepEqual(back.rows, expectedRows(FIXTURE_COLUMNS, rows, typed));
      if (format === 'parquet') t.deepEqual(back.meta.compression, ['SNAPPY']);
      if (format === 'avro') t.is(back.meta.name, 'org.apache.avro.ipc.default_avro_record_name');
      if (format === 'json') {
        // pyarrow's own JSON reader too: 64-bit integers exact, numbers and booleans typed.
        const pick = (r: unknown[]) => ['age', 'big', 'score', 'active', 'ts'].map((n) => r[NAMES.indexOf(n)]);
        t.deepEqual(back.meta.pyarrow_rows_values.map(pick), expectedRows(FIXTURE_COLUMNS, rows, false).map(pick));
      }
    }
  });

  test(`${format}: single file assembled in batch order from batches written out of order by two writers`, async (t) => {
    const dataDir = await tempDataDir();
    const batches = fixtureBatches(5, 30);
    const ctx = ctxFor({
      dataDir, columns: FIXTURE_COLUMNS, batches: 5, rowsPerBatch: 30, name: 'customer',
      tableNames: { LOCAL_FILE_PATH: 'single/', LOCAL_FILE_NAME: 'all', AVRO_NAME: 'Customer' },
      options: { ONE_FILE_PER_ITERATION: 'false' },
    });
    await runSink(sink, ctx, batches, [3, 0, 4, 2, 1]);

    const dir = path.join(dataDir, 'single');
    t.deepEqual(await readdir(dir), [`all.${format}`], 'only the single file is left: no parts, no temporary files');
    const back = await readBack(format, path.join(dir, `all.${format}`));
    t.deepEqual(back.columns, NAMES);
    t.is(back.rows.length, 150);
    t.deepEqual(back.rows, expectedRows(FIXTURE_COLUMNS, batches.flat(), typed));
    if (format === 'avro') t.is(back.meta.name, 'org.apache.avro.ipc.Customer');
  });
}

test('csv: with CSV_HEADER=false there is no header line, in per-batch and single-file mode', async (t) => {
  for (const single of [false, true]) {
    const dataDir = await tempDataDir();
    const batches = fixtureBatches(2, 5);
    const ctx = ctxFor({
      dataDir, columns: FIXTURE_COLUMNS, batches: 2, name: 'nohead',
      options: { CSV_HEADER: 'false', ONE_FILE_PER_ITERATION: String(!single) },
    });
    await runSink(csvSink, ctx, batches);
    const dir = path.join(dataDir, 'output', 'nohead');
    const file = path.join(dir, single ? 'nohead.csv' : 'nohead-0000000000.csv');
    const back = await readBack('csv', file, { strings: true });
    // The python csv reader treats the first record as the header: it must be the first data row.
    t.is(back.columns[0], String(batches[0]![0]!.id));
    t.is(back.rows.length, single ? 9 : 4);
  }
});

test('rows from the model engine (simple types) read back identically in every format', async (t) => {
  const model = modelFor('engine', cols({ id: 'UUID', name: 'STRING', n: 'INTEGER', big: 'LONG', x: 'FLOAT', ok: 'BOOLEAN' }));
  const gen = await compileModel(model);
  const batches = [0, 1].map((b) => gen.generate(7, b, 100));
  for (const [format, sink, typed] of SINKS) {
    const dataDir = await tempDataDir();
    const ctx = ctxFor({ dataDir, columns: gen.columns, batches: 2, rowsPerBatch: 100, name: 'engine', options: { ONE_FILE_PER_ITERATION: 'false' } });
    await runSink(sink, ctx, batches);
    const back = await readBack(format, path.join(dataDir, 'output', 'engine', `engine.${format}`));
    t.deepEqual(back.columns, ['id', 'name', 'n', 'big', 'x', 'ok'], format);
    t.deepEqual(back.rows, expectedRows(gen.columns, batches.flat(), typed), format);
  }
});
