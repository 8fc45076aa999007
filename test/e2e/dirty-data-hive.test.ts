/**
 * Dirty data through a real HiveServer2 (docs/dirty-data.md): the dirty model (test/helpers/dirty-rows.ts) written by
 * `datagen serve` as an EXTERNAL PARQUET table on file:///, read back with a plain SELECT (a fetch task, no job).
 * Nulls are NULLs, no value has the wrong type, and /command/get's fault counts equal what the table holds.
 */
import path from 'node:path';
import test from 'ava';
import { assertTypedDirtyRows, dirtyModel, type DirtyRow } from '../helpers/dirty-rows.js';
import { hiveQueries } from '../helpers/services/hive-read.js';
import { serviceWithSinkServer } from '../helpers/service-with-sink-server.js';
import { getJson, submit, waitForTerminal } from '../helpers/service-process.js';

const { server: hive, service } = await serviceWithSinkServer(test, 'hive');

const ROWS = 2000;
const BATCHES = 3;

hive.test('EXTERNAL PARQUET table: NULLs, no wrong types, and the view\'s fault counts are what the table holds', async (t) => {
  const table = `e2e_dirty_${Date.now()}`;
  const dir = path.join(service().dataDir, 'output', 'hive', table);
  const model = dirtyModel(table, { HIVE_DATABASE: 'e2e', HIVE_TABLE_NAME: table, HIVE_HDFS_FILE_PATH: `file://${dir}/` }, { HIVE_TABLE_FORMAT: 'PARQUET' });
  const res = await submit(service().url, 'hive', { rows: ROWS, batches: BATCHES, threads: 2, seed: 17 }, { text: model });
  t.is(res.status, 200, JSON.stringify(res.body));
  const status = await waitForTerminal(service().url, res.body.commandUuid, 300_000);
  t.is(status.status, 'FINISHED', status.comment);
  const details = (await getJson(service().url, `/command/get?commandUuid=${res.body.commandUuid}`)).body;
  const [back, described] = await hiveQueries(hive.address(),
    `SELECT id, s, n, CAST(l AS STRING) AS l, f, b, u, date_format(ts, 'yyyy-MM-dd HH:mm:ss.SSS') AS ts FROM e2e.${table}`, `DESCRIBE e2e.${table}`);
  t.deepEqual(described!.map((r) => `${r.col_name} ${r.data_type}`), ['id int', 's string', 'n int', 'l bigint', 'f double', 'b boolean', 'u string', 'ts timestamp']);
  // Hive's TIMESTAMP is the wall clock of UTC (src/sinks/hive/sql.ts).
  const rows: DirtyRow[] = back!.map((r) => ({ ...r, ts: Date.parse(`${String(r.ts).replace(' ', 'T')}Z`) }) as DirtyRow);
  assertTypedDirtyRows(t, rows, ROWS * BATCHES, details.faults);
});
