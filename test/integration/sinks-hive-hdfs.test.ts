/**
 * The Hive sink in the CDP layout: a HiveServer2 whose file system is a real MiniDFSCluster (fs.defaultFS hdfs://,
 * its warehouse under /warehouse/tablespace), the files written through the HDFS destination (WebHDFS) to
 * HIVE_HDFS_FILE_PATH, the table over hdfs://…. Two JVMs on the machine: the file keeps to two commands.
 */
import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import { hdfsDestination } from '../../src/sinks/destinations/hdfs.js';
import { sinkFor } from '../../src/sinks/registry.js';
import type { SinkContext } from '../../src/sinks/types.js';
import { byId, expectedCustomer, runHiveCommand } from '../helpers/hive-command.js';
import { customerModel, sinkCtx } from '../helpers/services/fixtures.js';
import { serviceForTests } from '../helpers/services/for-tests.js';
import { hiveQueries, readCustomers } from '../helpers/services/hive-read.js';

const test = anyTest as TestFn;
const hive = await serviceForTests(test, 'hive', { onHdfs: true });
const sink = sinkFor('hive');

const uniqueName = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;

function context(tableNames: Record<string, string>, options: Record<string, string>, rows: number, batches: number): SinkContext {
  const { HIVE_URL, HDFS_URL } = hive.env();
  return sinkCtx(customerModel('customer', tableNames, options), { HIVE_URL: HIVE_URL!, HDFS_URL: HDFS_URL! }, rows, batches, randomUUID());
}

/** DESCRIBE FORMATTED's Location and Table Type of `table`. */
async function placement(table: string): Promise<{ location: string; type: string }> {
  const [described] = await hiveQueries(hive.address(), `DESCRIBE FORMATTED ${table}`);
  const value = (key: string) => String(described!.find((r) => String(r.col_name).trim() === key)?.data_type ?? '').trim();
  return { location: value('Location:'), type: value('Table Type:') };
}

hive.test('EXTERNAL PARQUET: files through WebHDFS under HIVE_HDFS_FILE_PATH, the table LOCATION hdfs://… over them; DELETE_PREVIOUS removes both', async (t) => {
  const db = uniqueName('db');
  const table = uniqueName('ext');
  const dir = `/user/datagen/hive/${table}`;
  const names = { HIVE_DATABASE: db, HIVE_TABLE_NAME: table, HIVE_HDFS_FILE_PATH: `${dir}/` };
  await runHiveCommand(sink, context(names, { HIVE_TABLE_FORMAT: 'PARQUET' }, 60, 2));
  const files = hdfsDestination({ url: [hive.env().HDFS_URL!] });
  t.deepEqual((await files.list(dir)).sort(), [0, 1].map((b) => `${table}-${String(b).padStart(10, '0')}.parquet`));
  t.deepEqual(await placement(`${db}.${table}`), { location: `${hive.env().HDFS_URI}${dir}`, type: 'EXTERNAL_TABLE' });
  const written = await runHiveCommand(sink, context(names, { HIVE_TABLE_FORMAT: 'PARQUET', DELETE_PREVIOUS: 'true' }, 25, 1));
  t.deepEqual(await files.list(dir), [`${table}-${'0'.repeat(10)}.parquet`], "the first command's files are gone");
  const { rows } = await readCustomers(hive.address(), `${db}.${table}`);
  t.deepEqual(byId(rows), byId(written.map(expectedCustomer)));
});

hive.test('MANAGED partitioned: loaded from the files on HDFS into a table in the warehouse on HDFS, the temporary table dropped', async (t) => {
  const db = uniqueName('db');
  const table = uniqueName('managed');
  const ctx = context(
    { HIVE_DATABASE: db, HIVE_TABLE_NAME: table, HIVE_HDFS_FILE_PATH: `/user/datagen/hive/${table}/` },
    { HIVE_TABLE_TYPE: 'MANAGED', HIVE_TABLE_FORMAT: 'ORC', HIVE_TABLE_PARTITIONS_COLS: 'active' },
    40, 2,
  );
  const written = await runHiveCommand(sink, ctx);
  const { rows } = await readCustomers(hive.address(), `${db}.${table}`);
  t.deepEqual(byId(rows), byId(written.map(expectedCustomer)));
  const { location } = await placement(`${db}.${table}`);
  t.true(location.startsWith(`${hive.env().HDFS_URI}/warehouse/tablespace/`), location);
  const [partitions, tables] = await hiveQueries(hive.address(), `SHOW PARTITIONS ${db}.${table}`, `SHOW TABLES IN ${db}`);
  t.deepEqual(partitions!.map((r) => r.partition).sort(), ['active=false', 'active=true']);
  t.deepEqual(tables!.map((r) => r.tab_name), [table]);
});
