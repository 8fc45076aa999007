/**
 * The hdfs_* sinks against a real MiniDFSCluster: each format's files, fetched back from HDFS, read by another
 * implementation (pyarrow, fastavro, Python json/csv) with the rows written; single-file mode, DELETE_PREVIOUS, a
 * redelivered batch, and an unreachable namenode.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { hdfsDestination } from '../../src/sinks/destinations/hdfs.js';
import { endpointPolicy } from '../../src/sinks/endpoints/policy.js';
import { remoteFileSinks } from '../../src/sinks/files/remote-sinks.js';
import type { SinkContext } from '../../src/sinks/types.js';
import { writeBatch } from '../../src/sinks/write-batch.js';
import { FIXTURE_COLUMNS, fixtureBatches } from '../helpers/readback-fixture.js';
import { ctxFor, runSink, tempDataDir } from '../helpers/readback-sinks.js';
import { expectedRows, readBack, type Format } from '../helpers/readback.js';
import { serviceForTests } from '../helpers/services/for-tests.js';
import { freePorts } from '../helpers/services/ports.js';

const hdfs = await serviceForTests(test, 'hdfs');
const NAMES = FIXTURE_COLUMNS.map((c) => c.name);
let run = 0;

async function hdfsCtx(format: string, tableNames: Record<string, string> = {}, options: Record<string, string> = {}, batches = 3): Promise<SinkContext> {
  const ctx = ctxFor({
    dataDir: await tempDataDir(), columns: FIXTURE_COLUMNS, batches, rowsPerBatch: 30, name: 'customer',
    tableNames: { HDFS_FILE_PATH: `/it/${process.pid}-${run++}/${format}/`, ...tableNames }, options,
  });
  ctx.settings.properties = { HDFS_URL: hdfs.address() };
  // As the service's configuration: the namenode it names is allowed.
  ctx.settings.endpoints = endpointPolicy(ctx.settings.properties);
  return ctx;
}

/** The file's bytes fetched from HDFS into a local file, read by the other implementation. */
async function readFromHdfs(format: Format, file: string) {
  const d = hdfsDestination({ url: hdfs.address() });
  const local = await mkdtemp(path.join(os.tmpdir(), 'datagen-hdfs-read-'));
  try {
    const parts: Uint8Array[] = [];
    for await (const p of d.read(file)) parts.push(p);
    const copy = path.join(local, path.posix.basename(file));
    await writeFile(copy, parts);
    return await readBack(format, copy);
  } finally {
    await d.close();
    await rm(local, { recursive: true, force: true });
  }
}

async function listing(dir: string): Promise<string[]> {
  const d = hdfsDestination({ url: hdfs.address() });
  try {
    return (await d.list(dir)).sort();
  } finally {
    await d.close();
  }
}

const FORMATS: [Format, boolean][] = [['parquet', true], ['avro', true], ['json', false], ['csv', false]];

for (const [format, typed] of FORMATS) {
  hdfs.test(`hdfs_${format}: one file per batch in HDFS_FILE_PATH named by HDFS_FILE_NAME, read back with the rows written`, async (t) => {
    const ctx = await hdfsCtx(format, { HDFS_FILE_NAME: 'cust' });
    const batches = fixtureBatches(3, 30);
    await runSink(remoteFileSinks[`hdfs_${format}`]!, ctx, batches);
    const dir = ctx.model.tableNames.HDFS_FILE_PATH!;
    const files = await listing(dir);
    t.deepEqual(files, [0, 1, 2].map((b) => `cust-${String(b).padStart(10, '0')}.${format}`));
    for (const [b, rows] of batches.entries()) {
      const back = await readFromHdfs(format, `${dir}${files[b]}`);
      t.deepEqual(back.columns, NAMES);
      t.deepEqual(back.rows, expectedRows(FIXTURE_COLUMNS, rows, typed));
    }
  });
}

hdfs.test('hdfs_parquet single file: batches written out of order by two writers, one file left in batch order', async (t) => {
  const ctx = await hdfsCtx('single', { HDFS_FILE_NAME: 'all' }, { ONE_FILE_PER_ITERATION: 'false' }, 4);
  const batches = fixtureBatches(4, 30);
  await runSink(remoteFileSinks.hdfs_parquet!, ctx, batches, [2, 0, 3, 1]);
  const dir = ctx.model.tableNames.HDFS_FILE_PATH!;
  t.deepEqual(await listing(dir), ['all.parquet'], 'no parts, no temporary files');
  const back = await readFromHdfs('parquet', `${dir}all.parquet`);
  t.deepEqual(back.rows, expectedRows(FIXTURE_COLUMNS, batches.flat(), true));
});

hdfs.test('hdfs_json: a redelivered batch replaces its own file; DELETE_PREVIOUS clears the earlier command\'s files', async (t) => {
  const first = await hdfsCtx('again');
  const sink = remoteFileSinks.hdfs_json!;
  await runSink(sink, first, fixtureBatches(3, 30));
  const dir = first.model.tableNames.HDFS_FILE_PATH!;

  const writer = await sink.open(first);
  const redelivered = fixtureBatches(3, 5)[1]!;
  await writeBatch(writer, 1, redelivered);
  await writer.close();
  t.is((await listing(dir)).length, 3);
  t.deepEqual((await readFromHdfs('json', `${dir}customer-0000000001.json`)).rows, expectedRows(FIXTURE_COLUMNS, redelivered, false));

  const second = { ...first, batches: 1, model: { ...first.model, options: { DELETE_PREVIOUS: 'true' } } };
  await runSink(sink, second, fixtureBatches(1, 30));
  t.deepEqual(await listing(dir), ['customer-0000000000.json']);
});

hdfs.test('an unreachable namenode fails the sink naming HDFS and the address', async (t) => {
  const [port] = await freePorts(1);
  const ctx = await hdfsCtx('down');
  ctx.settings.properties = { HDFS_URL: `http://127.0.0.1:${port}` };
  ctx.settings.endpoints = endpointPolicy(ctx.settings.properties);
  const err = await t.throwsAsync(runSink(remoteFileSinks.hdfs_csv!, ctx, fixtureBatches(1, 5)));
  t.regex(err!.message, new RegExp(`HDFS \\w+ hdfs://127\\.0\\.0\\.1:${port}/.*cannot reach the namenode at http://127\\.0\\.0\\.1:${port}`));
});
