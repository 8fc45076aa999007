/**
 * File-sink behaviour that does not depend on the format's encoding: idempotent batches, single-file assembly with
 * redelivery, DELETE_PREVIOUS, output confinement, LOCAL_FILE_NAME checks and the sink names.
 */
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { BadRequestError } from '../../src/errors.js';
import { avroSink, csvSink, jsonSink, parquetSink } from '../../src/sinks/files/local-sinks.js';
import { sinkFor } from '../../src/sinks/registry.js';
import type { Sink } from '../../src/sinks/types.js';
import { FIXTURE_COLUMNS, fixtureBatches, fixtureRow } from '../helpers/readback-fixture.js';
import { ctxFor, runSink, tempDataDir } from '../helpers/readback-sinks.js';
import { expectedRows, readBack, type Format } from '../helpers/readback.js';
import { writeBatch } from '../../src/sinks/write-batch.js';

const ALL: [Format, Sink, boolean][] = [
  ['csv', csvSink, false],
  ['json', jsonSink, false],
  ['avro', avroSink, true],
  ['parquet', parquetSink, true],
];

for (const [format, sink, typed] of ALL) {
  test(`${format}: a redelivered batch replaces its own file and nothing else`, async (t) => {
    const dataDir = await tempDataDir();
    const ctx = ctxFor({ dataDir, columns: FIXTURE_COLUMNS, batches: 2, name: 'redo' });
    const batches = fixtureBatches(2, 8);
    await runSink(sink, ctx, batches);
    const dir = path.join(dataDir, 'output', 'redo');
    const f0 = path.join(dir, `redo-0000000000.${format}`);
    const f1 = path.join(dir, `redo-0000000001.${format}`);
    const before0 = await readFile(f0);
    const before1 = await readFile(f1);

    // The same batch delivered again (same rows: deterministic generation) gives the same bytes.
    const writer = await sink.open(ctx);
    const again = await writeBatch(writer, 1, batches[1]!);
    t.is(again.rows, 8);
    t.is(again.location, f1);
    t.deepEqual(await readFile(f1), before1);

    // Different rows for batch 1 replace exactly that file.
    const other = Array.from({ length: 3 }, (_, r) => fixtureRow(9, r));
    await writeBatch(writer, 1, other);
    await writer.close();
    t.deepEqual(await readFile(f0), before0, 'batch 0 untouched');
    t.deepEqual((await readBack(format, f1)).rows, expectedRows(FIXTURE_COLUMNS, other, typed));
    t.deepEqual((await readdir(dir)).sort(), [path.basename(f0), path.basename(f1)], 'no temporary files left');
  });

  test(`${format}: single-file mode writes a redelivered batch once, in batch order`, async (t) => {
    const dataDir = await tempDataDir();
    const ctx = ctxFor({ dataDir, columns: FIXTURE_COLUMNS, batches: 3, name: 'once', options: { ONE_FILE_PER_ITERATION: 'false' } });
    const batches = fixtureBatches(3, 6);
    await runSink(sink, ctx, batches, [2, 1, 2, 0, 1]);
    const file = path.join(dataDir, 'output', 'once', `once.${format}`);
    const back = await readBack(format, file);
    t.is(back.rows.length, 18);
    t.deepEqual(back.rows, expectedRows(FIXTURE_COLUMNS, batches.flat(), typed));
    // A second finalize (orchestrator restarted after assembling) leaves the file as it is.
    const size = (await stat(file)).size;
    await sink.finalize(ctx);
    t.is((await stat(file)).size, size);
  });
}

test('single-file mode: finalize refuses to assemble when a batch is missing, naming it', async (t) => {
  const dataDir = await tempDataDir();
  const ctx = ctxFor({ dataDir, columns: FIXTURE_COLUMNS, batches: 3, name: 'gap', options: { ONE_FILE_PER_ITERATION: 'false' } });
  await csvSink.prepare(ctx);
  const w = await csvSink.open(ctx);
  await writeBatch(w, 0, fixtureBatches(1, 2)[0]!);
  await writeBatch(w, 2, fixtureBatches(1, 2)[0]!);
  const err = await t.throwsAsync(csvSink.finalize(ctx));
  t.regex(err!.message, /batch 1 was never written/);
  t.false((await readdir(path.join(dataDir, 'output', 'gap'))).includes('gap.csv'));
});

test('single-file mode with zero batches still gives a valid, empty file', async (t) => {
  for (const [format, sink] of ALL) {
    const dataDir = await tempDataDir();
    const ctx = ctxFor({ dataDir, columns: FIXTURE_COLUMNS, batches: 0, name: 'none', options: { ONE_FILE_PER_ITERATION: 'false' } });
    await runSink(sink, ctx, []);
    const file = path.join(dataDir, 'output', 'none', `none.${format}`);
    if (format === 'json') {
      t.is((await readFile(file, 'utf8')).length, 0);
      continue;
    }
    const back = await readBack(format, file);
    t.is(back.rows.length, 0, format);
    if (format !== 'csv') t.deepEqual(back.columns, FIXTURE_COLUMNS.map((c) => c.name), format);
  }
});

test('DELETE_PREVIOUS deletes only the names of the exact prefix in the target directory, before any batch', async (t) => {
  const dataDir = await tempDataDir();
  const dir = path.join(dataDir, 'out');
  await mkdir(path.join(dir, 'cust-sub'), { recursive: true });
  // Another model's files that start with the same letters (customers-old.csv) are not this prefix's output.
  const keep = ['cust-0000000000.json', 'other-0000000000.csv', 'cust.csv.bak', 'xcust-1.csv', 'notes.txt', 'customers-old.csv', 'customers-0000000000.csv', 'cust-1.csv'];
  const doomed = ['cust-0000000007.csv', 'cust.csv', 'cust-execution-000002-0000000000.csv', 'cust-execution-000003.csv'];
  for (const f of [...keep, ...doomed]) await writeFile(path.join(dir, f), 'old');
  const ctx = ctxFor({
    dataDir, columns: FIXTURE_COLUMNS, batches: 1, name: 'm',
    tableNames: { LOCAL_FILE_PATH: dir, LOCAL_FILE_NAME: 'cust' }, options: { DELETE_PREVIOUS: 'true' },
  });
  await csvSink.prepare(ctx);
  t.deepEqual((await readdir(dir)).sort(), [...keep, 'cust-sub'].sort());

  // Without the option nothing is deleted.
  await writeFile(path.join(dir, 'cust-0000000009.csv'), 'old');
  await csvSink.prepare({ ...ctx, model: { ...ctx.model, options: {} } });
  t.true((await readdir(dir)).includes('cust-0000000009.csv'));
});

test('LOCAL_FILE_PATH outside the output roots is rejected at validate() with the key, the value and the roots', (t) => {
  const dataDir = '/tmp/datagen-confine-data';
  for (const bad of ['/etc', '../outside', '/tmp/datagen-confine-data/../elsewhere', '/tmp/datagen-confine-data-sibling']) {
    const ctx = ctxFor({ dataDir, columns: FIXTURE_COLUMNS, batches: 1, tableNames: { LOCAL_FILE_PATH: bad } });
    for (const [, sink] of ALL) {
      const err = t.throws(() => sink.validate(ctx), { instanceOf: BadRequestError });
      t.is((err as BadRequestError).status, 400);
      t.true(err!.message.includes('Table_Names.LOCAL_FILE_PATH'), err!.message);
      t.true(err!.message.includes(`"${bad}"`), err!.message);
      t.true(err!.message.includes(dataDir), err!.message);
    }
  }
});

test('relative LOCAL_FILE_PATH resolves under the data dir; extra output roots are allowed', async (t) => {
  const dataDir = await tempDataDir();
  const extra = await tempDataDir();
  const rel = ctxFor({ dataDir, columns: FIXTURE_COLUMNS, batches: 1, name: 'r', tableNames: { LOCAL_FILE_PATH: 'nested/dir/' } });
  await runSink(jsonSink, rel, fixtureBatches(1, 2));
  t.deepEqual(await readdir(path.join(dataDir, 'nested', 'dir')), ['r-0000000000.json']);

  const outside = ctxFor({ dataDir, columns: FIXTURE_COLUMNS, batches: 1, name: 'e', tableNames: { LOCAL_FILE_PATH: extra } });
  t.throws(() => jsonSink.validate(outside), { instanceOf: BadRequestError });
  const allowed = { ...outside, settings: { ...outside.settings, outputRoots: [dataDir, extra] } };
  await runSink(jsonSink, allowed, fixtureBatches(1, 2));
  t.deepEqual(await readdir(extra), ['e-0000000000.json']);
});

test('a symbolic link inside the data dir that points outside is not a way out', async (t) => {
  const dataDir = await tempDataDir();
  const outside = await tempDataDir();
  await symlink(outside, path.join(dataDir, 'escape'));
  const ctx = ctxFor({ dataDir, columns: FIXTURE_COLUMNS, batches: 1, tableNames: { LOCAL_FILE_PATH: 'escape/deeper' } });
  const err = t.throws(() => csvSink.validate(ctx), { instanceOf: BadRequestError });
  t.regex(err!.message, /Table_Names\.LOCAL_FILE_PATH "escape\/deeper"/);
  await t.throwsAsync(csvSink.prepare(ctx), { instanceOf: BadRequestError });
  t.deepEqual(await readdir(outside), []);
});

test('LOCAL_FILE_NAME with a path separator or ".." is rejected', (t) => {
  for (const bad of ['a/b', '..', '../x', 'a\\b', 'x..y']) {
    const ctx = ctxFor({ dataDir: '/tmp/d', columns: FIXTURE_COLUMNS, batches: 1, tableNames: { LOCAL_FILE_NAME: bad } });
    const err = t.throws(() => jsonSink.validate(ctx), { instanceOf: BadRequestError });
    t.true(err!.message.includes('Table_Names.LOCAL_FILE_NAME'), err!.message);
  }
});

test('invalid option values are rejected at validate() naming the option', (t) => {
  const cases: [Sink, Record<string, string>, RegExp][] = [
    [csvSink, { CSV_HEADER: 'yes' }, /Options\.CSV_HEADER must be "true" or "false", got "yes"/],
    [jsonSink, { ONE_FILE_PER_ITERATION: '0' }, /Options\.ONE_FILE_PER_ITERATION/],
    [parquetSink, { PARQUET_PAGE_SIZE: '-3' }, /Options\.PARQUET_PAGE_SIZE must be a positive integer/],
    [parquetSink, { PARQUET_ROW_GROUP_SIZE: 'big' }, /Options\.PARQUET_ROW_GROUP_SIZE/],
  ];
  for (const [sink, options, re] of cases) {
    const ctx = ctxFor({ dataDir: '/tmp/d', columns: FIXTURE_COLUMNS, batches: 1, options });
    t.throws(() => sink.validate(ctx), { instanceOf: BadRequestError, message: re });
  }
});

test('every local file format is a sink of its own name; a known service not served yet answers a clear 400', (t) => {
  for (const name of ['csv', 'json', 'avro', 'parquet', 'orc']) t.is(sinkFor(name).name, name);
  const err = t.throws(() => sinkFor('ozone'), { instanceOf: BadRequestError });
  t.regex(err!.message, /^sink ozone is not available yet \(available: .*orc/);
});
