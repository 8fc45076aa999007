/**
 * HIVE_TABLE_TYPE=ICEBERG, unit-tested only: no Iceberg handler for Hive 4 installs here (hive-iceberg-handler is
 * not on Maven Central; Iceberg's own iceberg-hive-runtime is for Hive 2 and 3), so the statements are checked as
 * text, and the whole sink through a connection that records them, files written to a local directory.
 */
import test from 'ava';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BadRequestError } from '../../../src/errors.js';
import type { HiveConnection } from '../../../src/sinks/hive/client.js';
import { hiveSinkWith } from '../../../src/sinks/hive/sink.js';
import { createIcebergTable, insertSelectAll } from '../../../src/sinks/hive/sql.js';
import type { SinkContext } from '../../../src/sinks/types.js';
import { CUSTOMER_COLUMNS, customerModel, sinkCtx } from '../../helpers/services/fixtures.js';
import { runSinkCommand } from '../../helpers/sink-command.js';

test('CREATE TABLE … STORED BY ICEBERG: identity and bucket partitions as a spec, columns in the model order, format version 2', (t) => {
  const spec = { database: 'd', table: 't', columns: CUSTOMER_COLUMNS.slice(0, 4), format: 'parquet', partitions: ['name'], buckets: ['age'], bucketsNumber: 8, v2: true };
  t.is(
    createIcebergTable(spec),
    "CREATE TABLE IF NOT EXISTS `d`.`t` (`id` STRING, `name` STRING, `email` STRING, `age` INT) PARTITIONED BY SPEC (`name`, bucket(8, `age`)) STORED BY ICEBERG STORED AS PARQUET TBLPROPERTIES ('format-version'='2')",
  );
  t.is(createIcebergTable({ ...spec, partitions: [], buckets: [], format: 'orc', v2: false }), 'CREATE TABLE IF NOT EXISTS `d`.`t` (`id` STRING, `name` STRING, `email` STRING, `age` INT) STORED BY ICEBERG STORED AS ORC');
  t.is(insertSelectAll('d', 't', CUSTOMER_COLUMNS.slice(0, 3), 't_tmp'), 'INSERT INTO TABLE `d`.`t` SELECT `id`, `name`, `email` FROM `d`.`t_tmp`');
});

async function withOutDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-hive-iceberg-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function context(dir: string, options: Record<string, string>): SinkContext {
  const ctx = sinkCtx(customerModel('customer', { HIVE_DATABASE: 'lake', HIVE_TABLE_NAME: 'people', HIVE_HDFS_FILE_PATH: `file://${dir}/people/` }, options), { HIVE_URL: 'hive2://127.0.0.1:10000' }, 30, 2, 'c-iceberg');
  return { ...ctx, settings: { ...ctx.settings, dataDir: dir, outputRoots: [dir] } };
}

test('an ICEBERG command writes the files, then loads the Iceberg table from a temporary external table it drops', async (t) => {
  await withOutDir(async (dir) => {
    const statements: string[] = [];
    const connection: HiveConnection = { execute: async (sql) => void statements.push(sql), query: async () => [], close: async () => {} };
    const sink = hiveSinkWith(async () => connection);
    await runSinkCommand(sink, context(dir, { HIVE_TABLE_TYPE: 'ICEBERG', HIVE_TABLE_FORMAT: 'PARQUET', HIVE_TABLE_PARTITIONS_COLS: 'active', DELETE_PREVIOUS: 'true' }), { batches: 2, rows: 30 });
    t.is((await readdir(path.join(dir, 'people'))).filter((f) => f.endsWith('.parquet')).length, 2, 'one Parquet file per batch');
    t.deepEqual(statements.map((s) => s.replace(/\(`id`.*?\)(?= (PARTITIONED|STORED))/, '(…)')), [
      'CREATE DATABASE IF NOT EXISTS `lake`',
      'DROP TABLE IF EXISTS `lake`.`people`',
      'DROP TABLE IF EXISTS `lake`.`people_tmp`',
      `CREATE EXTERNAL TABLE IF NOT EXISTS \`lake\`.\`people_tmp\` (…) STORED AS PARQUET LOCATION 'file://${dir}/people'`,
      "CREATE TABLE IF NOT EXISTS `lake`.`people` (…) PARTITIONED BY SPEC (`active`) STORED BY ICEBERG STORED AS PARQUET TBLPROPERTIES ('format-version'='2')",
      `INSERT INTO TABLE \`lake\`.\`people\` SELECT ${CUSTOMER_COLUMNS.map((c) => `\`${c.name}\``).join(', ')} FROM \`lake\`.\`people_tmp\``,
      'DROP TABLE IF EXISTS `lake`.`people_tmp`',
    ]);
  });
});

test('ICEBERG needs files (HIVE_ON_HDFS) in ORC, PARQUET or AVRO; HIVE_TABLE_ICEBERG_V2=false leaves format version 1', async (t) => {
  await withOutDir(async (dir) => {
    const sink = hiveSinkWith(async () => { throw new Error('not connected'); });
    const refused = (options: Record<string, string>, field: string) => {
      const err = t.throws(() => sink.validate(context(dir, { HIVE_TABLE_TYPE: 'ICEBERG', ...options })), { instanceOf: BadRequestError });
      t.is((err as BadRequestError).details?.field, field, JSON.stringify(options));
    };
    refused({ HIVE_ON_HDFS: 'false' }, 'Options.HIVE_ON_HDFS');
    refused({ HIVE_TABLE_FORMAT: 'JSON' }, 'Options.HIVE_TABLE_FORMAT');
    refused({ HIVE_TABLE_ICEBERG_V2: 'maybe' }, 'Options.HIVE_TABLE_ICEBERG_V2');
    t.notThrows(() => sink.validate(context(dir, { HIVE_TABLE_TYPE: 'ICEBERG', HIVE_TABLE_FORMAT: 'AVRO', HIVE_TABLE_BUCKETS_COLS: 'age' })));
    const statements: string[] = [];
    const recording = hiveSinkWith(async () => ({ execute: async (sql) => void statements.push(sql), query: async () => [], close: async () => {} }));
    await runSinkCommand(recording, context(dir, { HIVE_TABLE_TYPE: 'ICEBERG', HIVE_TABLE_ICEBERG_V2: 'false' }), { batches: 1, rows: 5 });
    const create = statements.find((s) => s.includes('STORED BY ICEBERG'))!;
    t.regex(create, /STORED BY ICEBERG STORED AS ORC$/);
  });
});
