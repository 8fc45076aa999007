/**
 * /datagen/mysql through the API of a real `datagen serve` on the harness's MariaDB: the seeded customer model read
 * back with SELECT equal to the json sink's rows of the same seed, in typed columns; DELETE_PREVIOUS; a
 * worker SIGKILLed mid-batch leaving exactly one copy of every row (the ledger); an unreachable server and a bad
 * password FAILING the command naming the sink and address, the password nowhere; a wrong key a 400 naming it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import mysql from 'mysql2/promise';
import { lakeService } from '../helpers/lake-e2e.js';
import { runWithKilledWorker } from '../helpers/killed-worker.js';
import { customerModel } from '../helpers/service-with-sink-server.js';
import { submit, waitForTerminal } from '../helpers/service-process.js';
import { mariadbUnavailableReason, startMariaDb, type MariaDbService } from '../helpers/services/mariadb.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';
import { sqlRejectionCases } from '../helpers/sql-e2e-cases.js';

const db = await storeForTests<MariaDbService>(test, 'mariadb', mariadbUnavailableReason, startMariaDb);
const served = lakeService(test, () => db.service().env);

const ROWS = 40;
const BATCHES = 3;
const SEED = 20261201;
const unique = (what: string) => `e2e_${what}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function query<R = Record<string, unknown>>(sql: string): Promise<R[]> {
  const conn = await mysql.createConnection({ uri: db.service().url, timezone: 'Z', dateStrings: ['DATE'] });
  try {
    return (await conn.query(sql))[0] as R[];
  } finally {
    await conn.end();
  }
}

async function run(service: string, model: string, fields: Record<string, string | number> = {}) {
  const res = await submit(served.service().url, service, { rows: ROWS, batches: BATCHES, threads: 2, seed: SEED, ...fields }, { text: model });
  if (res.status !== 200) throw new Error(`${service}: ${JSON.stringify(res.body)}`);
  return { uuid: res.body.commandUuid as string, status: await waitForTerminal(served.service().url, res.body.commandUuid, 180_000) };
}

db.test('the seeded customer model read back with SELECT: the json sink\'s rows, typed columns; a duplicate key fails and rolls back; DELETE_PREVIOUS replaces them', async (t) => {
  const table = unique('customers');
  const model = await customerModel({ MYSQL_TABLE: table, LOCAL_FILE_PATH: `output/${table}/` }, { MYSQL_PRIMARY_KEYS: 'customer_id' });
  const { status } = await run('mysql', model);
  t.is(status.status, 'FINISHED', JSON.stringify(status));
  t.is(status.rowsWritten, ROWS * BATCHES);
  const types = await query<{ column_name: string; data_type: string }>(
    `SELECT column_name, column_type AS data_type FROM information_schema.columns WHERE table_schema = 'datagen' AND table_name = '${table}' ORDER BY ordinal_position`);
  t.deepEqual(types.map((c) => `${c.column_name} ${c.data_type}`), [
    'customer_id int(11)', 'first_name text', 'email text', 'phone text', 'birthdate date', 'city text', 'country text',
    'membership text', 'balance double', 'active tinyint(1)',
  ]);
  const rows = (await query<Record<string, unknown>>(`SELECT * FROM datagen.\`${table}\` ORDER BY customer_id`)).map((r) => ({ ...r, active: r.active === 1 }) as Record<string, unknown>);
  t.is(rows.length, ROWS * BATCHES);

  const json = await run('json', model);
  t.is(json.status.status, 'FINISHED', JSON.stringify(json.status));
  const dir = path.join(served.service().dataDir, 'output', table);
  const expected: Array<Record<string, unknown> & { customer_id: number; balance: number }> = [];
  for (const f of (await readdir(dir)).sort()) {
    for (const line of (await readFile(path.join(dir, f), 'utf8')).split('\n')) if (line) expected.push(JSON.parse(line));
  }
  expected.sort((a, b) => a.customer_id - b.customer_id);
  // MariaDB's decimal text of a double may differ from JavaScript's in the last of 17 digits: compared within 1e-12.
  t.deepEqual(rows.map((r) => ({ ...r, balance: 0 })), expected.map((r) => ({ ...r, balance: 0 })));
  for (const [i, r] of rows.entries()) t.true(Math.abs((r.balance as number) - expected[i].balance) <= 1e-12 * Math.abs(expected[i].balance), `balance of ${r.customer_id}`);

  // Without DELETE_PREVIOUS a command appends: here its customer_id values are the table's keys already.
  const again = await run('mysql', model, { rows: 5, batches: 1, seed: SEED + 1 });
  t.is(again.status.status, 'FAILED');
  t.regex(again.status.comment, new RegExp(`mysql 127\\.0\\.0\\.1:${db.service().port} table datagen\\.${table}: .*Duplicate entry`));
  t.is((await query(`SELECT 1 FROM datagen.\`${table}\``)).length, ROWS * BATCHES, 'the failed batch rolled back whole');
  const replaced = await run('mysql', await customerModel({ MYSQL_TABLE: table }, { DELETE_PREVIOUS: 'true' }), { rows: 7, batches: 1 });
  t.is(replaced.status.status, 'FINISHED');
  t.is((await query(`SELECT 1 FROM datagen.\`${table}\``)).length, 7, 'DELETE_PREVIOUS dropped the earlier rows');
});

/** As test/e2e/crash-recovery.test.ts: batches slow enough that a worker is killed while it writes one. */
const KILL_BATCHES = 4;
const KILL_ROWS = 60_000;
const killModel = (table: string) => JSON.stringify({
  model_name: 'mysql-crash',
  Fields: [
    { name: 'id', type: 'INCREMENT_LONG' },
    { name: 'a', type: 'STRING', length: 60 },
    { name: 'b', type: 'STRING', length: 60 },
    { name: 'c', type: 'STRING', length: 60 },
  ],
  Table_Names: { MYSQL_TABLE: table },
});

db.test('a worker SIGKILLed in the middle of a batch, the batch redelivered: exactly one copy of every row', async (t) => {
  const table = unique('crash');
  const { status, workers } = await runWithKilledWorker(db.service().env, 'mysql', { rows: KILL_ROWS, batches: KILL_BATCHES, threads: 2 }, killModel(table), 240_000);
  t.is(status.status, 'FINISHED', JSON.stringify(status));
  const [counts] = await query<{ n: string; ids: string; lo: string; hi: string }>(
    `SELECT count(*) AS n, count(DISTINCT id) AS ids, min(id) AS lo, max(id) AS hi FROM datagen.\`${table}\``);
  t.deepEqual([counts!.n, counts!.ids, counts!.lo, counts!.hi].map(Number), [KILL_BATCHES * KILL_ROWS, KILL_BATCHES * KILL_ROWS, 0, KILL_BATCHES * KILL_ROWS - 1]);
  const ledger = await query<{ batch: number; rows: string }>(`SELECT batch, \`rows\` FROM datagen.datagen_batches WHERE target = '${table}' ORDER BY batch`);
  t.deepEqual(ledger.map((l) => [l.batch, Number(l.rows)]), Array.from({ length: KILL_BATCHES }, (_, b) => [b, KILL_ROWS]));
  t.is(workers.size, 2, 'batches completed on both workers, the killed one and its successor');
});

sqlRejectionCases({
  test: db.test,
  service: served.service,
  sink: 'mysql',
  tableKey: 'MYSQL_TABLE',
  failures: [
    { title: 'an unreachable server (MYSQL_HOST on a closed port)', settings: () => ({
      properties: { MYSQL_HOST: `127.0.0.1:${served.closedPort()}` },
      names: [`mysql 127.0.0.1:${served.closedPort()}`, 'ECONNREFUSED'],
      secret: new URL(db.service().url).password,
    }) },
    { title: 'a wrong MYSQL_PASSWORD', settings: () => ({
      properties: { MYSQL_PASSWORD: 'Wrong-pw-7731' },
      names: [`mysql 127.0.0.1:${db.service().port}`, 'Access denied'],
      secret: 'Wrong-pw-7731',
    }) },
  ],
  badKeys: [
    { tableNames: { MYSQL_TABLE: 'no such;table' }, field: 'Table_Names.MYSQL_TABLE' },
    { options: { MYSQL_PRIMARY_KEYS: 'customer_id,nope' }, field: 'Options.MYSQL_PRIMARY_KEYS' },
    { tableNames: { MYSQL_DATABASE: 'no/such' }, field: 'Table_Names.MYSQL_DATABASE' },
  ],
});
