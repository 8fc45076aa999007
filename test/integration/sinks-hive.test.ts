/**
 * The Hive sink against a real HiveServer2 (embedded metastore, local MapReduce, file:///): tables read back with
 * SELECT equal the rows written, column for column and typed, for INSERTs through the connection and for EXTERNAL
 * tables over files. Each INSERT is a MapReduce job (seconds): the tests write few statements.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import anyTest, { type TestFn } from 'ava';
import { sinkFor } from '../../src/sinks/registry.js';
import type { SinkContext } from '../../src/sinks/types.js';
import { byId, expectedCustomer, runHiveCommand } from '../helpers/hive-command.js';
import { customerModel, sinkCtx } from '../helpers/services/fixtures.js';
import { serviceForTests } from '../helpers/services/for-tests.js';
import { freePorts } from '../helpers/services/ports.js';
import { hiveQueries, readCustomers } from '../helpers/services/hive-read.js';

const test = anyTest as TestFn;
const hive = await serviceForTests(test, 'hive');
const sink = sinkFor('hive');
let outDir = '';

test.before(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'datagen-hive-out-'));
});
test.after.always(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const uniqueName = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;

function context(tableNames: Record<string, string>, options: Record<string, string>, rows: number, batches: number, url = hive.address()): SinkContext {
  const ctx = sinkCtx(customerModel('customer', tableNames, options), { HIVE_URL: url }, rows, batches, randomUUID());
  return { ...ctx, settings: { ...ctx.settings, dataDir: outDir, outputRoots: [outDir] } };
}

const CUSTOMER_TYPES = {
  id: 'string', name: 'string', email: 'string', age: 'int', account: 'bigint', balance: 'double', active: 'boolean',
  created: 'timestamp', seen: 'timestamp', token: 'binary',
};

hive.test('HIVE_ON_HDFS=false: 2 batches of 50 rows inserted through the connection read back equal, typed as the mapping says', async (t) => {
  const db = uniqueName('db');
  const table = uniqueName('direct');
  const written = await runHiveCommand(sink, context({ HIVE_DATABASE: db, HIVE_TABLE_NAME: table }, { HIVE_ON_HDFS: 'false' }, 50, 2));
  const { rows, types } = await readCustomers(hive.address(), `${db}.${table}`);
  t.deepEqual(types, CUSTOMER_TYPES);
  t.is(rows.length, 100);
  t.deepEqual(byId(rows), byId(written.map(expectedCustomer)));
  t.true(rows.some((r) => String(r.name).includes(`O'Neil, "Jo"\n`)), 'quotes, commas and newlines survive the SQL literals');
});

for (const format of ['parquet', 'orc', 'avro'] as const) {
  hive.test(`EXTERNAL ${format}: 3 batches of files under a file:/// HIVE_HDFS_FILE_PATH, then a table over them that reads back equal`, async (t) => {
    const db = uniqueName('db');
    const table = uniqueName(format);
    const dir = path.join(outDir, table);
    const ctx = context({ HIVE_DATABASE: db, HIVE_TABLE_NAME: table, HIVE_HDFS_FILE_PATH: `file://${dir}/` }, { HIVE_TABLE_FORMAT: format.toUpperCase() }, 120, 3);
    const written = await runHiveCommand(sink, ctx);
    t.deepEqual((await readdir(dir)).sort(), [0, 1, 2].map((b) => `${table}-${String(b).padStart(10, '0')}.${format}`));
    const { rows, types } = await readCustomers(hive.address(), `${db}.${table}`);
    t.deepEqual(types, CUSTOMER_TYPES);
    t.deepEqual(byId(rows), byId(written.map(expectedCustomer)));
  });
}

hive.test('DELETE_PREVIOUS drops the table and its files before the command; without it a command adds to the table', async (t) => {
  const db = uniqueName('db');
  const table = uniqueName('again');
  const names = { HIVE_DATABASE: db, HIVE_TABLE_NAME: table, HIVE_HDFS_FILE_PATH: `file://${path.join(outDir, table)}` };
  await runHiveCommand(sink, context(names, { HIVE_TABLE_FORMAT: 'PARQUET' }, 30, 2));
  // A second command without DELETE_PREVIOUS, in single-file mode, adds its <table>.parquet: 60 + 5 rows.
  await runHiveCommand(sink, context(names, { HIVE_TABLE_FORMAT: 'PARQUET', ONE_FILE_PER_ITERATION: 'false' }, 5, 1));
  t.is((await readCustomers(hive.address(), `${db}.${table}`)).rows.length, 65);
  // The table is dropped and made again with the new command's columns; the earlier files are gone.
  const fresh = context(names, { HIVE_TABLE_FORMAT: 'PARQUET', DELETE_PREVIOUS: 'true' }, 7, 1);
  const written = await runHiveCommand(sink, fresh);
  const { rows } = await readCustomers(hive.address(), `${db}.${table}`);
  t.deepEqual(byId(rows), byId(written.map(expectedCustomer)));
});

hive.test('MANAGED: partitioned by HIVE_TABLE_PARTITIONS_COLS and bucketed, loaded from a temporary external table that is dropped after', async (t) => {
  const db = uniqueName('db');
  const table = uniqueName('managed');
  const ctx = context(
    { HIVE_DATABASE: db, HIVE_TABLE_NAME: table, HIVE_HDFS_FILE_PATH: `file://${path.join(outDir, table)}/` },
    { HIVE_TABLE_TYPE: 'MANAGED', HIVE_TABLE_FORMAT: 'PARQUET', HIVE_TABLE_PARTITIONS_COLS: 'active', HIVE_TABLE_BUCKETS_COLS: 'age', HIVE_TABLE_BUCKETS_NUMBER: '4' },
    40, 2,
  );
  const written = await runHiveCommand(sink, ctx);
  const { rows, types } = await readCustomers(hive.address(), `${db}.${table}`);
  t.like(types, CUSTOMER_TYPES);
  t.deepEqual(byId(rows), byId(written.map(expectedCustomer)));
  const [partitions, tables, described] = await hiveQueries(hive.address(), `SHOW PARTITIONS ${db}.${table}`, `SHOW TABLES IN ${db}`, `DESCRIBE FORMATTED ${db}.${table}`);
  t.deepEqual(partitions!.map((r) => r.partition).sort(), ['active=false', 'active=true']);
  t.deepEqual(tables!.map((r) => r.tab_name), [table], 'the temporary table is dropped');
  t.true(described!.some((r) => String(r.col_name).includes('Num Buckets') && String(r.data_type).trim() === '4'));
});

test('an unreachable HiveServer2 fails prepare with an error naming the sink and its address', async (t) => {
  const [port] = await freePorts(1);
  const ctx = context({ HIVE_TABLE_NAME: 'x' }, { HIVE_ON_HDFS: 'false' }, 1, 1, `hive2://127.0.0.1:${port}`);
  const err = await t.throwsAsync(sink.prepare(ctx));
  t.regex(err!.message, new RegExp(`^hive hive2://127\\.0\\.0\\.1:${port} table datagen\\.x: preparing the table failed: connecting to 127\\.0\\.0\\.1:${port} failed`));
});

hive.test("HIVE_ON_HDFS=false JSON: Hive's own JSON table reads back every value, a comma, quote and line break included", async (t) => {
  const db = uniqueName('db');
  const table = uniqueName('json');
  const written = await runHiveCommand(sink, context({ HIVE_DATABASE: db, HIVE_TABLE_NAME: table }, { HIVE_ON_HDFS: 'false', HIVE_TABLE_FORMAT: 'JSON' }, 15, 1));
  const { rows } = await readCustomers(hive.address(), `${db}.${table}`);
  t.deepEqual(byId(rows), byId(written.map(expectedCustomer)));
});
