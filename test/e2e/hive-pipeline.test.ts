/**
 * The whole pipeline into a real HiveServer2 on the test MiniDFSCluster (fs.defaultFS hdfs://): POST /datagen/hive
 * on a running service, the table read back with SELECT through the sink's own connection; files on file:/// and
 * on HDFS (through WebHDFS), a worker SIGKILLed mid-batch, and hive beside a json sink in one multipleconnectors
 * command. Each INSERT or aggregate is a MapReduce job on the test server: few statements.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { runWithKilledWorker } from '../helpers/killed-worker.js';
import { hiveQueries } from '../helpers/services/hive-read.js';
import { customerModel, serviceWithSinkServer } from '../helpers/service-with-sink-server.js';
import { getJson, submit, waitForTerminal } from '../helpers/service-process.js';

const { server: hive, service } = await serviceWithSinkServer(test, 'hive', { onHdfs: true });
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

/** As test/e2e/postgresql-pipeline.test.ts: batches slow enough that a worker is killed while it writes one. */
const KILL_BATCHES = 4;
const KILL_ROWS = 60_000;

// On file:/// (one data directory shared by the API and both workers): on this loaded machine WebHDFS datanode writes
// of 60,000-row batches sometimes failed with 'socket hang up' three times over, failing the command before any kill.
hive.test('EXTERNAL PARQUET, a worker SIGKILLed in the middle of a batch and the batch redelivered: exactly one copy of every row', async (t) => {
  const table = `e2e_crash_${Date.now()}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'datagen-hive-crash-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const model = JSON.stringify({
    model_name: 'hive-crash',
    Fields: [
      { name: 'id', type: 'INCREMENT_LONG' },
      { name: 'a', type: 'STRING', length: 60 },
      { name: 'b', type: 'STRING', length: 60 },
      { name: 'c', type: 'STRING', length: 60 },
    ],
    Table_Names: { HIVE_DATABASE: 'e2e', HIVE_TABLE_NAME: table, HIVE_HDFS_FILE_PATH: `file://${path.join(dataDir, 'output', 'hive', table)}/` },
    Options: { HIVE_TABLE_FORMAT: 'PARQUET' },
  });
  t.timeout(10 * 60_000, 'four batches of 60,000 rows, a redelivery, then a MapReduce count');
  const { status, workers } = await runWithKilledWorker({ ...hive.env(), DATAGEN_DATA_DIR: dataDir }, 'hive', { rows: KILL_ROWS, batches: KILL_BATCHES, threads: 2 }, model, 300_000);
  t.is(status.status, 'FINISHED', JSON.stringify(status));
  const [[counts]] = await hiveQueries(hive.address(), `SELECT count(*) AS n, count(DISTINCT id) AS ids, min(id) AS lo, max(id) AS hi FROM e2e.${table}`) as [[Record<string, unknown>]];
  t.deepEqual([counts.n, counts.ids, counts.lo, counts.hi].map(Number), [KILL_BATCHES * KILL_ROWS, KILL_BATCHES * KILL_ROWS, 0, KILL_BATCHES * KILL_ROWS - 1]);
  t.is(workers.size, 2, 'batches completed on both workers, the killed one and its successor');
});

hive.test('multipleconnectors hive (MANAGED, partitioned by country) + json: both FINISH with the same rows; only the Hive table has country last', async (t) => {
  const table = `e2e_multi_${Date.now()}`;
  const model = await customerModel(
    { HIVE_DATABASE: 'e2e', HIVE_TABLE_NAME: table, HIVE_HDFS_FILE_PATH: `/user/datagen/hive/${table}/`, LOCAL_FILE_PATH: `output/${table}/` },
    { HIVE_TABLE_TYPE: 'MANAGED', HIVE_TABLE_FORMAT: 'ORC', HIVE_TABLE_PARTITIONS_COLS: 'country' },
  );
  const res = await submit(service().url, 'multipleconnectors', { rows: 50, batches: 2, threads: 2, connectors: 'hive,json' }, { text: model });
  t.is(res.status, 200, JSON.stringify(res.body));
  await finished(res.body.commandUuid);
  const dir = path.join(service().dataDir, 'output', table);
  const json: Record<string, unknown>[] = [];
  for (const f of await readdir(dir)) for (const line of (await readFile(path.join(dir, f), 'utf8')).split('\n')) if (line) json.push(JSON.parse(line));
  t.is(json.length, 100);
  t.deepEqual(Object.keys(json[0]!), Object.keys(CUSTOMER_TYPES), 'the json rows keep the model\'s column order');
  const [rows, described] = await hiveQueries(hive.address(), `SELECT customer_id, country FROM e2e.${table}`, `DESCRIBE e2e.${table}`);
  const key = (r: Record<string, unknown>) => `${r.customer_id}/${r.country}`;
  t.deepEqual(rows!.map(key).sort(), json.map(key).sort());
  const columns = described!.map((r) => String(r.col_name).trim()).filter((c) => c !== '' && !c.startsWith('#'));
  t.deepEqual(columns.slice(0, 10), [...Object.keys(CUSTOMER_TYPES).filter((c) => c !== 'country'), 'country'], 'the partition column last in the Hive table');
  const details = (await getJson(service().url, `/command/get?commandUuid=${res.body.commandUuid}`)).body;
  t.deepEqual(details.rowsBySink, { hive: 100, json: 100 });
});
