/**
 * /datagen/postgresql through the API of a real `datagen serve` on the harness's PostgreSQL: the seeded customer
 * model read back with SELECT equal to the json sink's rows of the same seed, in typed columns; DELETE_PREVIOUS; a
 * worker SIGKILLed mid-batch leaving exactly one copy of every row (the ledger); an unreachable server and a bad
 * password FAILING the command naming the sink and address, the password nowhere; a wrong key a 400 naming it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import type pg from 'pg';
import { lakeService } from '../helpers/lake-e2e.js';
import { runWithKilledWorker } from '../helpers/killed-worker.js';
import { customerModel } from '../helpers/service-with-sink-server.js';
import { getJson, submit, waitForTerminal } from '../helpers/service-process.js';
import { type PostgresService, postgresUnavailableReason, queryPostgres, startPostgres } from '../helpers/services/postgres.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';
import { sqlRejectionCases } from '../helpers/sql-e2e-cases.js';

const pgServer = await storeForTests<PostgresService>(test, 'postgresql', postgresUnavailableReason, startPostgres);
const served = lakeService(test, () => pgServer.service().env);

const ROWS = 40;
const BATCHES = 3;
const SEED = 20261201;
const unique = (what: string) => `e2e_${what}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const query = <R extends pg.QueryResultRow>(sql: string) => queryPostgres<R>(pgServer.service().url, sql);

async function run(service: string, model: string, fields: Record<string, string | number> = {}) {
  const res = await submit(served.service().url, service, { rows: ROWS, batches: BATCHES, threads: 2, seed: SEED, ...fields }, { text: model });
  if (res.status !== 200) throw new Error(`${service}: ${JSON.stringify(res.body)}`);
  return { uuid: res.body.commandUuid as string, status: await waitForTerminal(served.service().url, res.body.commandUuid, 180_000) };
}

pgServer.test('the seeded customer model read back with SELECT: the json sink\'s rows, typed columns; a duplicate key fails and rolls back; DELETE_PREVIOUS replaces them', async (t) => {
  const table = unique('customers');
  const model = await customerModel({ POSTGRESQL_TABLE: table, LOCAL_FILE_PATH: `output/${table}/` }, { POSTGRESQL_PRIMARY_KEYS: 'customer_id' });
  const { status } = await run('postgresql', model);
  t.is(status.status, 'FINISHED', JSON.stringify(status));
  t.is(status.rowsWritten, ROWS * BATCHES);
  const types = await query<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${table}' ORDER BY ordinal_position`);
  t.deepEqual(types.map((c) => `${c.column_name} ${c.data_type}`), [
    'customer_id integer', 'first_name text', 'email text', 'phone text', 'birthdate date', 'city text', 'country text',
    'membership text', 'balance double precision', 'active boolean',
  ]);
  const rows = await query(`SELECT customer_id, first_name, email, phone, birthdate::text AS birthdate, city, country, membership, balance, active FROM public."${table}" ORDER BY customer_id`);
  t.is(rows.length, ROWS * BATCHES);

  const json = await run('json', model);
  t.is(json.status.status, 'FINISHED', JSON.stringify(json.status));
  const dir = path.join(served.service().dataDir, 'output', table);
  const expected = [];
  for (const f of (await readdir(dir)).sort()) {
    for (const line of (await readFile(path.join(dir, f), 'utf8')).split('\n')) if (line) expected.push(JSON.parse(line));
  }
  expected.sort((a, b) => a.customer_id - b.customer_id);
  t.deepEqual(rows, expected);

  // Without DELETE_PREVIOUS a command appends: here its customer_id values are the table's keys already.
  const again = await run('postgresql', model, { rows: 5, batches: 1, seed: SEED + 1 });
  t.is(again.status.status, 'FAILED');
  t.regex(again.status.comment, new RegExp(`postgresql 127\\.0\\.0\\.1:${pgServer.service().port} table public\\.${table}: .*duplicate key value violates unique constraint`));
  t.is((await query(`SELECT 1 FROM public."${table}"`)).length, ROWS * BATCHES, 'the failed batch rolled back whole');
  const replaced = await run('postgresql', await customerModel({ POSTGRESQL_TABLE: table }, { DELETE_PREVIOUS: 'true' }), { rows: 7, batches: 1 });
  t.is(replaced.status.status, 'FINISHED');
  t.is((await query(`SELECT 1 FROM public."${table}"`)).length, 7, 'DELETE_PREVIOUS dropped the earlier rows');
});

pgServer.test('multipleconnectors to postgresql and json at once: the table holds the json files\' rows, rowsBySink names both', async (t) => {
  const table = unique('multi');
  const model = await customerModel({ POSTGRESQL_TABLE: table, LOCAL_FILE_PATH: `output/${table}/` });
  const { uuid, status } = await run('multipleconnectors', model, { connectors: 'postgresql,json' });
  t.is(status.status, 'FINISHED', JSON.stringify(status));
  const dir = path.join(served.service().dataDir, 'output', table);
  const ids: number[] = [];
  for (const f of await readdir(dir)) for (const line of (await readFile(path.join(dir, f), 'utf8')).split('\n')) if (line) ids.push(JSON.parse(line).customer_id);
  const rows = await query<{ customer_id: number }>(`SELECT customer_id FROM public."${table}" ORDER BY customer_id`);
  t.deepEqual(rows.map((r) => r.customer_id), ids.sort((a, b) => a - b));
  t.is(rows.length, ROWS * BATCHES);
  const details = (await getJson(served.service().url, `/command/get?commandUuid=${uuid}`)).body;
  t.deepEqual(details.rowsBySink, { postgresql: ROWS * BATCHES, json: ROWS * BATCHES });
});

/** As test/e2e/crash-recovery.test.ts: batches slow enough that a worker is killed while it writes one. */
const KILL_BATCHES = 4;
const KILL_ROWS = 60_000;
const killModel = (table: string) => JSON.stringify({
  model_name: 'pg-crash',
  Fields: [
    { name: 'id', type: 'INCREMENT_LONG' },
    { name: 'a', type: 'STRING', length: 60 },
    { name: 'b', type: 'STRING', length: 60 },
    { name: 'c', type: 'STRING', length: 60 },
  ],
  Table_Names: { POSTGRESQL_TABLE: table },
});

pgServer.test('a worker SIGKILLed in the middle of a batch, the batch redelivered: exactly one copy of every row', async (t) => {
  const table = unique('crash');
  const { status, workers } = await runWithKilledWorker(pgServer.service().env, 'postgresql', { rows: KILL_ROWS, batches: KILL_BATCHES, threads: 2 }, killModel(table), 240_000);
  t.is(status.status, 'FINISHED', JSON.stringify(status));
  const [counts] = await query<{ n: string; ids: string; lo: string; hi: string }>(
    `SELECT count(*) AS n, count(DISTINCT id) AS ids, min(id) AS lo, max(id) AS hi FROM public."${table}"`);
  t.deepEqual([counts!.n, counts!.ids, counts!.lo, counts!.hi].map(Number), [KILL_BATCHES * KILL_ROWS, KILL_BATCHES * KILL_ROWS, 0, KILL_BATCHES * KILL_ROWS - 1]);
  const ledger = await query<{ batch: number; rows: string }>(`SELECT batch, rows FROM public.datagen_batches WHERE target = '${table}' ORDER BY batch`);
  t.deepEqual(ledger.map((l) => [l.batch, Number(l.rows)]), Array.from({ length: KILL_BATCHES }, (_, b) => [b, KILL_ROWS]));
  t.is(workers.size, 2, 'batches completed on both workers, the killed one and its successor');
});

sqlRejectionCases({
  test: pgServer.test,
  service: served.service,
  sink: 'postgresql',
  tableKey: 'POSTGRESQL_TABLE',
  failures: [
    { title: 'an unreachable server (POSTGRESQL_HOST on a closed port)', settings: () => ({
      properties: { POSTGRESQL_HOST: `127.0.0.1:${served.closedPort()}` },
      names: [`postgresql 127.0.0.1:${served.closedPort()}`, 'ECONNREFUSED'],
      secret: new URL(pgServer.service().url).password,
    }) },
    { title: 'a wrong POSTGRESQL_PASSWORD', settings: () => ({
      properties: { POSTGRESQL_PASSWORD: 'Wrong-pw-7731' },
      names: [`postgresql 127.0.0.1:${pgServer.service().port}`, 'password authentication failed'],
      secret: 'Wrong-pw-7731',
    }) },
  ],
  badKeys: [
    { tableNames: { POSTGRESQL_TABLE: 'no such;table' }, field: 'Table_Names.POSTGRESQL_TABLE' },
    { options: { POSTGRESQL_PRIMARY_KEYS: 'customer_id,nope' }, field: 'Options.POSTGRESQL_PRIMARY_KEYS' },
  ],
});
