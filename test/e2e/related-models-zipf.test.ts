/**
 * A skewed pick through the API of a real `datagen serve` (docs/related-models.md, "Skewed picks"): the docs'
 * busy-orders example, orders of models/shop-customers.json's customers picked by `{"zipf": 1}`, written to JSON
 * files. Every customer_id is a customer of that generation, the top 1% of customers in the seeded order get their
 * share of the orders, and a wrong exponent is a 400 naming it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { zipfOrder } from '../../src/model/relations/zipf-pick.js';
import { startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const PARENTS = { rows: 1000, batches: 100 };
const N = PARENTS.rows * PARENTS.batches;
const ROWS = 25_000;
const BATCHES = 4;

let svc: ServiceProcess;
test.before(async () => {
  svc = await startServe({ env: { DATAGEN_MODEL_TEST_TIMEOUT_MS: '120000' } });
});
test.after.always(async () => {
  await svc?.stop();
});

const orders = (pick: unknown) => JSON.stringify({
  model_name: 'busy-orders',
  Fields: [
    { name: 'order_id', type: 'INCREMENT_LONG' },
    { name: 'customer_id', type: 'INTEGER', references: { model: 'shop-customers', field: 'customer_id', seed: 42, ...PARENTS, pick } },
    { name: 'amount', type: 'FLOAT', min: 1, max: 500 },
  ],
  Table_Names: { LOCAL_FILE_PATH: 'output/busy-orders/' },
});

test.serial('pick {"zipf": 1}: every key a customer, the top 1% of customers get their share of the orders', async (t) => {
  const res = await submit(svc.url, 'json', { rows: ROWS, batches: BATCHES, threads: 2, seed: 7 }, { text: orders({ zipf: 1 }) });
  t.is(res.status, 200, JSON.stringify(res.body));
  const status = await waitForTerminal(svc.url, res.body.commandUuid, 180_000);
  t.is(status.status, 'FINISHED', status.comment);
  const dir = path.join(svc.dataDir, 'output', 'busy-orders');
  const ids: number[] = [];
  for (const f of (await readdir(dir)).filter((n) => !n.startsWith('.'))) {
    for (const line of (await readFile(path.join(dir, f), 'utf8')).split('\n')) if (line) ids.push(JSON.parse(line).customer_id);
  }
  t.is(ids.length, ROWS * BATCHES);
  // shop-customers' customer_id is INCREMENT_INTEGER from 1: parent p has key p + 1.
  t.true(ids.every((c) => Number.isInteger(c) && c >= 1 && c <= N), 'every customer_id is a customer of the generation');
  const order = zipfOrder(N, 1, 42, 'shop-customers');
  const top = new Set(Array.from({ length: N / 100 }, (_, k) => order.parentAt(k + 1) + 1));
  let harmonicTop = 0;
  let harmonicAll = 0;
  for (let r = N; r >= 1; r--) {
    harmonicAll += 1 / r;
    if (r <= N / 100) harmonicTop += 1 / r;
  }
  const share = ids.filter((c) => top.has(c)).length / ids.length;
  t.true(Math.abs(share - harmonicTop / harmonicAll) < 0.01, `top 1% got ${share} of the orders, expected ${harmonicTop / harmonicAll}`);
});

test.serial('a wrong exponent is a 400 naming it', async (t) => {
  const res = await submit(svc.url, 'json', { rows: 10, batches: 1 }, { text: orders({ zipf: 0 }) });
  t.is(res.status, 400);
  t.regex(res.body.error, /Fields\[1\]\.references\.pick\.zipf: must be an exponent above 0 and at most 10 \(1 is the classic Zipf law\), got 0/);
});
