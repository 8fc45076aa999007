/**
 * The whole pipeline into a real Kudu (kudu-binary's master and tablet server): POST /datagen/kudu on a running
 * service whose environment names KUDU_MASTERS, rows read back with the kudu CLI; multipleconnectors with json
 * leaves the json files' rows in the table; DELETE_PREVIOUS; the service's bridge SIGKILLed mid-command and a worker
 * SIGKILLed mid-batch both leave exactly one row per key; a closed master port FAILS the command naming the sink;
 * wrong model keys answer 400 naming them.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import anyTest, { type TestFn } from 'ava';
import { lakeService } from '../helpers/lake-e2e.js';
import { customerModel } from '../helpers/service-with-sink-server.js';
import { runWithKilledWorker } from '../helpers/killed-worker.js';
import { getJson, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';
import { kuduUnavailableReason, startKudu } from '../helpers/services/kudu.js';
import { kuduDescribe, kuduRows } from '../helpers/services/kudu-read.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';

const test = anyTest as TestFn;
const kudu = await storeForTests(test, 'kudu', kuduUnavailableReason, () => startKudu());
const { service, closedPort } = lakeService(test, () => kudu.service().env);

const ROWS = 40;
const BATCHES = 3;
const unique = (what: string) => `datagen.e2e_${what}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const KEYED = { KUDU_PRIMARY_KEYS: 'customer_id', KUDU_HASH_KEYS: 'customer_id', KUDU_BUCKETS: '2' };

async function run(svc: ServiceProcess, model: string, fields: Record<string, string | number> = {}, service = 'kudu', properties: Record<string, string> = {}) {
  const res = await submit(svc.url, service, { rows: ROWS, batches: BATCHES, threads: 2, seed: 20261201, ...fields, extraProperties: JSON.stringify(properties) }, { text: model });
  if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  const status = await waitForTerminal(svc.url, res.body.commandUuid, 240_000);
  return { res, status };
}

/** The running KuduBridge JVMs started by process `pid` (children of any of its threads). */
async function bridgesOf(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const children = (await Promise.all(tasks.map((t) => readFile(`/proc/${pid}/task/${t}/children`, 'utf8').catch(() => '')))).join(' ').split(/\s+/).filter(Boolean).map(Number);
  const bridges: number[] = [];
  for (const c of children) {
    const cmd = await readFile(`/proc/${c}/cmdline`, 'utf8').catch(() => '');
    if (cmd.split('\0').includes('KuduBridge')) bridges.push(c);
  }
  return bridges;
}

kudu.test('POST /datagen/multipleconnectors with json and kudu: FINISHED, the table typed from the model holds the json files\' rows', async (t) => {
  const svc = service();
  const table = unique('multi');
  const dir = `kudu-${Date.now().toString(36)}`;
  const model = await customerModel({ KUDU_TABLE_NAME: table, LOCAL_FILE_PATH: `output/${dir}/`, LOCAL_FILE_NAME: 'cust' }, KEYED);
  const { status } = await run(svc, model, { connectors: 'json,kudu' }, 'multipleconnectors');
  t.is(status.status, 'FINISHED', JSON.stringify(status));
  t.is(status.rowsWritten, ROWS * BATCHES);
  t.regex(await kuduDescribe(kudu.service().masters, table), /customer_id INT32 NOT NULL,\s+first_name STRING NULLABLE,\s+email STRING NULLABLE,\s+phone STRING NULLABLE,\s+birthdate DATE NULLABLE,\s+city STRING NULLABLE,\s+country STRING NULLABLE,\s+membership STRING NULLABLE,\s+balance DOUBLE NULLABLE,\s+active BOOL NULLABLE,\s+PRIMARY KEY \(customer_id\)/);
  const files = (await readdir(path.join(svc.dataDir, 'output', dir))).sort();
  const lines = (await Promise.all(files.map((f) => readFile(path.join(svc.dataDir, 'output', dir, f), 'utf8')))).flatMap((text) => text.split('\n').filter(Boolean));
  const fromJson = new Map(lines.map((l) => JSON.parse(l) as Record<string, unknown>).map((r) => [String(r.customer_id), r]));
  t.is(fromJson.size, ROWS * BATCHES);
  const rows = await kuduRows(kudu.service().masters, table);
  t.is(rows.length, ROWS * BATCHES);
  t.deepEqual(rows.map((r) => r.customer_id!.value).sort(), [...fromJson.keys()].sort());
  for (const r of rows) {
    const json = fromJson.get(r.customer_id!.value as string)!;
    t.deepEqual(
      Object.fromEntries(Object.entries(r).map(([k, c]) => [k, c.value])),
      { ...Object.fromEntries(Object.entries(json).map(([k, v]) => [k, String(v)])), balance: String(r.balance!.value) },
    );
    t.true(Math.abs(Number(r.balance!.value) - Number(json.balance)) < 1e-9, `${r.balance!.value} vs ${json.balance}`);
  }
});

kudu.test('POST /datagen/kudu without KUDU_PRIMARY_KEYS keys rows by datagen_row_id; DELETE_PREVIOUS drops the table first', async (t) => {
  const svc = service();
  const table = unique('again');
  const first = await run(svc, await customerModel({ KUDU_TABLE_NAME: table }, KEYED));
  t.is(first.status.status, 'FINISHED', JSON.stringify(first.status));
  t.is((await kuduRows(kudu.service().masters, table)).length, ROWS * BATCHES);
  const again = await run(svc, await customerModel({ KUDU_TABLE_NAME: table }, { DELETE_PREVIOUS: 'true', KUDU_BUCKETS: '2' }), { rows: 5, batches: 1 });
  t.is(again.status.status, 'FINISHED', JSON.stringify(again.status));
  const rows = await kuduRows(kudu.service().masters, table);
  t.deepEqual(rows.map((r) => r.datagen_row_id!.value).sort(), [0, 1, 2, 3, 4].map((i) => `${again.res.body.commandUuid}-0000000000-000000000${i}`));
});

/** Batches long enough (a second or more each here) that a kill lands while one is written. */
const KILL_BATCHES = 4;
const KILL_ROWS = 20_000;
const killModel = (table: string) => JSON.stringify({
  model_name: 'kudu-crash',
  Fields: [
    { name: 'n', type: 'INCREMENT_LONG' },
    { name: 'a', type: 'STRING', length: 60 },
  ],
  Table_Names: { KUDU_TABLE_NAME: table },
  Options: { KUDU_PRIMARY_KEYS: 'n', KUDU_BUCKETS: '2' },
});

async function assertEachRowOnce(t: { is: (a: unknown, b: unknown, m?: string) => void; deepEqual: (a: unknown, b: unknown, m?: string) => void }, table: string) {
  const rows = await kuduRows(kudu.service().masters, table);
  t.is(rows.length, KILL_BATCHES * KILL_ROWS);
  t.deepEqual(rows.map((r) => Number(r.n!.value)).sort((a, b) => a - b), Array.from({ length: KILL_BATCHES * KILL_ROWS }, (_, i) => i), 'each row once');
}

// The attempt whose request was in flight fails and is retried (test/integration/sinks-kudu.test.ts shows that
// deterministically); a kill between two requests only makes the next one start the new bridge.
kudu.test('the service\'s bridge SIGKILLed while batches are written: a new bridge takes over, the command FINISHES with one row per key', async (t) => {
  const svc = service();
  const table = unique('bridge');
  const res = await submit(svc.url, 'kudu', { rows: KILL_ROWS, batches: KILL_BATCHES, threads: 1 }, { text: killModel(table) });
  t.is(res.status, 200, JSON.stringify(res.body));
  let bridges: number[] = [];
  // Rows are flowing once a batch completed; the bridge is then writing the next.
  for (let done = 0; done < 1 || bridges.length === 0; ) {
    done = (await getJson(svc.url, `/command/getCommandStatus?commandUuid=${res.body.commandUuid}`)).body.batchesCompleted ?? 0;
    bridges = await bridgesOf(svc.child.pid!);
    if (done < 1 || bridges.length === 0) await new Promise((r) => setTimeout(r, 25));
  }
  t.is(bridges.length, 1, 'one bridge for the whole process');
  process.kill(bridges[0]!, 'SIGKILL');
  const status = await waitForTerminal(svc.url, res.body.commandUuid, 240_000);
  t.is(status.status, 'FINISHED', JSON.stringify(status));
  await assertEachRowOnce(t, table);
  const after = await bridgesOf(svc.child.pid!);
  t.is(after.length, 1);
  t.not(after[0], bridges[0], 'a new bridge');
});

kudu.test('a worker SIGKILLed in the middle of a batch, the batch redelivered: exactly one row per key', async (t) => {
  const table = unique('crash');
  const { status, workers } = await runWithKilledWorker(kudu.service().env, 'kudu', { rows: KILL_ROWS, batches: KILL_BATCHES, threads: 2 }, killModel(table));
  t.is(status.status, 'FINISHED', JSON.stringify(status));
  await assertEachRowOnce(t, table);
  t.is(workers.size, 2, 'batches completed on both workers, the killed one and its successor');
});

kudu.test('POST /datagen/kudu with a closed master port FAILS the command, naming the sink and the masters', async (t) => {
  const svc = service();
  const masters = `127.0.0.1:${closedPort()}`;
  const { res, status } = await run(svc, await customerModel({ KUDU_TABLE_NAME: unique('fail') }, KEYED), { rows: 5, batches: 1 }, 'kudu', { KUDU_MASTERS: masters });
  t.is(status.status, 'FAILED', JSON.stringify(status));
  t.true(status.comment.includes(`kudu ${masters} table `), status.comment);
  const history = (await getJson(svc.url, `/command/history?commandUuid=${res.body.commandUuid}`)).body;
  t.false(history.events.some((e: { type: string }) => e.type === 'finished'));
});

const badKeys: Array<[Record<string, string>, Record<string, string>, string]> = [
  [{}, { KUDU_PRIMARY_KEYS: 'nope' }, 'Options.KUDU_PRIMARY_KEYS'],
  [{}, { KUDU_PRIMARY_KEYS: 'customer_id', KUDU_HASH_KEYS: 'email' }, 'Options.KUDU_HASH_KEYS'],
  [{}, { KUDU_BUCKETS: '1' }, 'Options.KUDU_BUCKETS'],
  [{}, { KUDU_REPLICAS: '2' }, 'Options.KUDU_REPLICAS'],
  [{}, { KUDU_FLUSH: 'NEVER' }, 'KUDU_FLUSH'],
  [{ KUDU_USE_KERBEROS: 'true' }, {}, 'Table_Names.KUDU_USE_KERBEROS'],
];
for (const [tableNames, options, field] of badKeys) {
  kudu.test(`POST /datagen/kudu with a wrong ${field} (${JSON.stringify({ ...tableNames, ...options })}) answers 400 naming the key`, async (t) => {
    const model = await customerModel({ KUDU_TABLE_NAME: unique('bad'), ...tableNames }, options);
    const res = await submit(service().url, 'kudu', { rows: 5, batches: 1 }, { text: model });
    t.is(res.status, 400, JSON.stringify(res.body));
    t.true(res.body.error.includes(field), res.body.error);
  });
}
