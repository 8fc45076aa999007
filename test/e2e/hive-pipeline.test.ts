/**
 * The whole pipeline into a real HiveServer2: POST /datagen/hive on a running service, the table read back with
 * SELECT through the sink's own connection. Each INSERT is a MapReduce job on the test server: few statements.
 */
import path from 'node:path';
import test from 'ava';
import { hiveQueries } from '../helpers/services/hive-read.js';
import { customerModel, serviceWithSinkServer } from '../helpers/service-with-sink-server.js';
import { getJson, submit, waitForTerminal } from '../helpers/service-process.js';

const { server: hive, service } = await serviceWithSinkServer(test, 'hive');
const SECRET = 'hive-pw-5d1c0e9a';

const CUSTOMER_TYPES = {
  customer_id: 'int', first_name: 'string', email: 'string', phone: 'string', birthdate: 'date', city: 'string', country: 'string',
  membership: 'string', balance: 'double', active: 'boolean',
};

async function finished(uuid: string): Promise<void> {
  const status = await waitForTerminal(service().url, uuid, 300_000).catch((err: Error) => {
    throw new Error(`${err.message}\nservice log:\n${service().output().slice(-4000)}`);
  });
  if (status.status !== 'FINISHED') throw new Error(`command ${status.status}: ${status.comment}`);
}

hive.test('POST /datagen/hive (EXTERNAL PARQUET on file:///): the table holds every generated row, typed from the model', async (t) => {
  const table = `e2e_parquet_${Date.now()}`;
  const dir = path.join(service().dataDir, 'output', 'hive', table);
  const model = await customerModel({ HIVE_DATABASE: 'e2e', HIVE_TABLE_NAME: table, HIVE_HDFS_FILE_PATH: `file://${dir}/` }, { HIVE_TABLE_FORMAT: 'PARQUET' });
  const res = await submit(service().url, 'hive', { rows: 200, batches: 3, threads: 2 }, { text: model });
  t.is(res.status, 200, JSON.stringify(res.body));
  await finished(res.body.commandUuid);
  const [rows, described] = await hiveQueries(hive.address(), `SELECT customer_id, email, CAST(birthdate AS STRING) AS birthdate FROM e2e.${table}`, `DESCRIBE e2e.${table}`);
  t.deepEqual(Object.fromEntries(described!.map((r) => [r.col_name, r.data_type])), CUSTOMER_TYPES);
  t.is(rows!.length, 600);
  const ids = rows!.map((r) => Number(r.customer_id)).sort((a, b) => a - b);
  t.is(new Set(ids).size, 600, 'INCREMENT_INTEGER ids are distinct across batches');
  t.is(ids[599]! - ids[0]!, 599);
  t.true(rows!.every((r) => /@/.test(String(r.email)) && /^\d{4}-\d{2}-\d{2}$/.test(String(r.birthdate))));
});

hive.test('HIVE_ON_HDFS=false with HIVE_PASSWORD in extraProperties: rows inserted, DELETE_PREVIOUS empties the table first, the password nowhere', async (t) => {
  const table = `e2e_direct_${Date.now()}`;
  const extraProperties = JSON.stringify({ HIVE_PASSWORD: SECRET });
  const run = async (rows: number, deletePrevious: boolean) => {
    const model = await customerModel({ HIVE_DATABASE: 'e2e', HIVE_TABLE_NAME: table }, { HIVE_ON_HDFS: 'false', DELETE_PREVIOUS: String(deletePrevious) });
    const res = await submit(service().url, 'hive', { rows, batches: 1, extraProperties }, { text: model });
    t.is(res.status, 200, JSON.stringify(res.body));
    await finished(res.body.commandUuid);
    return res.body.commandUuid;
  };
  await run(20, false);
  const uuid = await run(7, true);
  const [rows] = await hiveQueries(hive.address(), `SELECT customer_id FROM e2e.${table}`);
  t.is(rows!.length, 7, 'the second command dropped the first one\'s 20 rows');
  const got = await getJson(service().url, `/command/get?commandUuid=${uuid}`);
  const history = await getJson(service().url, `/command/history?commandUuid=${uuid}`);
  for (const [where, text] of [['get', JSON.stringify(got.body)], ['history', JSON.stringify(history.body)], ['logs', service().output()]] as const) {
    t.false(text.includes(SECRET), `HIVE_PASSWORD found in ${where}`);
  }
});

hive.test('a wrong Hive key is a 400 naming it, before anything runs', async (t) => {
  const model = await customerModel({ HIVE_TABLE_NAME: 'x' }, { HIVE_TABLE_FORMAT: 'XML' });
  const res = await submit(service().url, 'hive', { rows: 1, batches: 1 }, { text: model });
  t.is(res.status, 400);
  t.regex(res.body.error, /HIVE_TABLE_FORMAT/);
});
