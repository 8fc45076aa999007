/**
 * A dataset through a real `datagen serve` (NATS): the three shop models submitted together to POST /datagen/dataset,
 * children first in the body, customers to the harness's PostgreSQL, orders and line items to a real Kafka. The
 * service submits them parents first and starts each child only after its parent FINISHED (seen in the commands'
 * histories: a child's `starting` comes after its parent's `finished` in the event stream); every foreign key read
 * back from Kafka resolves to a row its parent wrote. after= waits for a running command (waitingFor) and fails
 * when it is cancelled; bad datasets and after values are 400s naming where, recording nothing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { readTopic } from '../helpers/services/kafka-read.js';
import { serviceForTests } from '../helpers/services/for-tests.js';
import { type PostgresService, postgresUnavailableReason, queryPostgres, startPostgres } from '../helpers/services/postgres.js';
import { ROOT, getJson, startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const kafka = await serviceForTests(test, 'kafka');
// Started here rather than with storeForTests: hooks declared after a second top-level await come too late for ava.
let postgres: PostgresService | undefined;
let served: ServiceProcess | undefined;
test.before('start PostgreSQL and the service against it and Kafka', async (t) => {
  t.timeout(16 * 60_000);
  const missing = await postgresUnavailableReason();
  if (missing) throw new Error(`cannot start postgresql: ${missing}`);
  postgres = await startPostgres();
  await kafka.ready();
  served = await startServe({ env: { ...postgres.env, ...kafka.env(), DATAGEN_WORKER_SLOTS: '4', DATAGEN_MODEL_TEST_TIMEOUT_MS: '120000' } });
});
test.after.always('stop the service and PostgreSQL', async () => {
  await served?.stop();
  await postgres?.stop();
});
const url = () => served!.url;

const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const table = `ds_customers_${tag}`;
const topics = { orders: `ds_orders_${tag}`, items: `ds_items_${tag}` };

/** A shop model from models/, renamed for this run, its foreign keys naming the dataset entry `parent` (nothing else of its generation). */
async function shop(file: string, rename: string, tables: Record<string, string>, parent?: string): Promise<Record<string, unknown>> {
  const json = JSON.parse(await readFile(path.join(ROOT, 'models', file), 'utf8'));
  json.model_name = `${rename}-${tag}`;
  json.Table_Names = { ...json.Table_Names, ...tables };
  for (const f of json.Fields) {
    if (!f.references) continue;
    delete f.references.seed;
    delete f.references.rows;
    f.references.model = parent;
  }
  return json;
}

const postDataset = async (body: unknown, query = '') => {
  const res = await fetch(`${url()}/datagen/dataset${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
};

type Entry = { seq: number; type: string };
const history = async (uuid: string): Promise<Entry[]> => (await getJson(url(), `/command/history?commandUuid=${uuid}`)).body.events;
const seqOf = (events: Entry[], type: string) => events.find((e) => e.type === type)?.seq ?? NaN;

async function customerIds(): Promise<Set<number>> {
  return new Set((await queryPostgres<{ customer_id: number }>(postgres!.url, `SELECT customer_id FROM public."${table}"`)).map((r) => r.customer_id));
}

const CUSTOMERS = { rows: 300, batches: 2 };
const ORDERS = { rows: 600, batches: 2 };
const ITEMS = { rows: 630, batches: 4 };

kafka.test('the shop dataset: parents first, each child started after its parent FINISHED, every foreign key resolves across PostgreSQL and Kafka', async (t) => {
  t.timeout(15 * 60_000);
  const body = {
    commands: [
      { name: 'items', sink: 'kafka', model: await shop('shop-line-items.json', 'ds-items', { KAFKA_TOPIC: topics.items }, 'orders'), ...ITEMS, threads: 4, seed: 7 },
      { name: 'orders', sink: 'kafka', model: await shop('shop-orders.json', 'ds-orders', { KAFKA_TOPIC: topics.orders }, 'customers'), ...ORDERS, threads: 2, seed: 42 },
      { name: 'customers', sink: 'postgresql', model: await shop('shop-customers.json', 'ds-customers', { POSTGRESQL_TABLE: table }), ...CUSTOMERS, threads: 2, seed: 42 },
    ],
  };
  const res = await postDataset(body);
  t.is(res.status, 200, JSON.stringify(res.body));
  t.deepEqual(res.body.order, ['customers', 'orders', 'items']);
  const { customers, orders, items } = res.body.commands as Record<string, string>;
  for (const uuid of [customers, orders, items]) t.is((await waitForTerminal(url(), uuid, 600_000)).status, 'FINISHED', uuid);

  const [hc, ho, hi] = await Promise.all([history(customers), history(orders), history(items)]);
  t.true(seqOf(hc, 'queued') < seqOf(ho, 'queued') && seqOf(ho, 'queued') < seqOf(hi, 'queued'), 'queued parents first');
  t.true(seqOf(ho, 'starting') > seqOf(hc, 'finished'), 'orders started after customers finished');
  t.true(seqOf(hi, 'starting') > seqOf(ho, 'finished'), 'line items started after orders finished');
  t.deepEqual((ho.find((e) => e.type === 'queued') as any).data.after, [customers]);
  t.deepEqual((hi.find((e) => e.type === 'queued') as any).data.after, [orders]);

  const ids = await customerIds();
  t.is(ids.size, CUSTOMERS.rows * CUSTOMERS.batches);
  const orderRows = (await readTopic(kafka.address(), topics.orders, ORDERS.rows * ORDERS.batches)).map((r) => JSON.parse(r.value.toString()));
  t.is(orderRows.length, ORDERS.rows * ORDERS.batches);
  const missingCustomer = orderRows.filter((o) => !ids.has(o.customer_id));
  t.deepEqual(missingCustomer.slice(0, 3), [], `${missingCustomer.length} orders of no customer`);
  const byId = new Map(orderRows.map((o) => [o.order_id, o]));
  const itemRows = (await readTopic(kafka.address(), topics.items, ITEMS.rows * ITEMS.batches)).map((r) => JSON.parse(r.value.toString()));
  t.is(itemRows.length, ITEMS.rows * ITEMS.batches);
  const wrong = itemRows.filter((i) => byId.get(i.order_id)?.customer_id !== i.customer_id);
  t.deepEqual(wrong.slice(0, 3), [], `${wrong.length} line items of no order, or not of their order's customer`);
});

kafka.test('after=: a command waits (waitingFor) for one that runs, and fails naming it when that one is cancelled', async (t) => {
  const model = (name: string) => ({ text: JSON.stringify({ model_name: `${name}-${tag}`, Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }], Table_Names: { LOCAL_FILE_NAME: `${name}-${tag}` } }) });
  // No end: it runs until cancelled.
  const endless = await submit(url(), 'json', { rows: 10, rows_per_second: 5, threads: 1 }, model('endless'));
  t.is(endless.status, 200, JSON.stringify(endless.body));
  const waiting = await submit(url(), 'json', { rows: 10, batches: 1, after: endless.body.commandUuid }, model('waiting'));
  t.is(waiting.status, 200, JSON.stringify(waiting.body));
  const status = (await getJson(url(), `/command/getCommandStatus?commandUuid=${waiting.body.commandUuid}`)).body;
  t.like(status, { status: 'QUEUED', waitingFor: [endless.body.commandUuid] });
  t.is((await getJson(url(), `/command/cancel?commandUuid=${endless.body.commandUuid}`)).status, 200);
  const ended = await waitForTerminal(url(), waiting.body.commandUuid, 60_000);
  t.like(ended, { status: 'FAILED', comment: `command ${endless.body.commandUuid} it waits for ended CANCELLED` });
});

kafka.test('bad after values and bad datasets are 400s naming where; nothing is recorded', async (t) => {
  const before = (await getJson(url(), '/command/getAll')).body.length;
  const model = { text: JSON.stringify({ model_name: `bad-${tag}`, Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] }) };
  const badUuid = await submit(url(), 'json', { rows: 1, batches: 1, after: 'not-a-uuid' }, model);
  t.is(badUuid.status, 400);
  t.regex(badUuid.body.error, /parameter after: "not-a-uuid" is not a command UUID/);
  const unknown = '00000000-0000-4000-8000-00000000abcd';
  const unknownCmd = await submit(url(), 'json', { rows: 1, batches: 1, after: unknown }, model);
  t.is(unknownCmd.status, 400);
  t.regex(unknownCmd.body.error, new RegExp(`parameter after: ${unknown} is no command of this service`));
  const a = { model_name: `cyc-a-${tag}`, Fields: [{ name: 'id', type: 'INTEGER', references: { model: 'b', field: 'id', pick: 'uniform' } }] };
  const b = { model_name: `cyc-b-${tag}`, Fields: [{ name: 'id', type: 'INTEGER', references: { model: 'a', field: 'id', pick: 'uniform' } }] };
  const cycle = await postDataset({ commands: [{ name: 'a', sink: 'json', model: a, seed: 1 }, { name: 'b', sink: 'json', model: b, seed: 1 }] });
  t.is(cycle.status, 400);
  t.regex(cycle.body.error, /cycle: a → b → a/);
  const badEntry = await postDataset({ commands: [{ name: 'ok', sink: 'json', model_name: 'example-model' }, { name: 'zero', sink: 'json', model_name: 'example-model', rows: 0 }] });
  t.is(badEntry.status, 400);
  t.regex(badEntry.body.error, /commands\[1\]\.rows must be a positive integer, got "0"/);
  const badAfter = await postDataset({ commands: [{ name: 'ok', sink: 'json', model_name: 'example-model' }], after: [unknown] });
  t.is(badAfter.status, 400);
  t.regex(badAfter.body.error, /parameter after: .* is no command of this service/);
  t.is((await getJson(url(), '/command/getAll')).body.length, before, 'nothing recorded');
});
