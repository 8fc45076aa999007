/**
 * The whole pipeline into a real HBase: POST /datagen/hbase on a running service, read back through the REST
 * gateway's scanner with plain fetch.
 */
import test from 'ava';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { scanTable } from '../helpers/services/hbase-read.js';
import { serviceForTests } from '../helpers/services/for-tests.js';
import { ROOT, startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const hbase = await serviceForTests(test, 'hbase');
let svc: ServiceProcess | undefined;

test.before('start the service', async (t) => {
  t.timeout(16 * 60_000);
  // ava runs before-hooks concurrently: wait for the hbase hook to have started the server.
  let address = '';
  while (!address) {
    try {
      address = hbase.address();
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  svc = await startServe({ env: { HBASE_REST_URL: address } });
});
test.after.always('stop the service', async () => {
  await svc?.stop();
});

async function customers(tableNames: Record<string, string>): Promise<string> {
  const model = JSON.parse(await readFile(path.join(ROOT, 'models', 'customers-usa.json'), 'utf8'));
  model.Table_Names = { ...model.Table_Names, ...tableNames };
  return JSON.stringify(model);
}

hbase.test('POST /datagen/hbase: the table holds exactly the generated rows, keyed by HBASE_PRIMARY_KEY', async (t) => {
  const table = `e2e_customers_${Date.now()}`;
  const res = await submit(svc!.url, 'hbase', { rows: 500, batches: 3, threads: 2 }, { text: await customers({ HBASE_TABLE_NAME: table, HBASE_NAMESPACE: 'default' }) });
  t.is(res.status, 200, JSON.stringify(res.body));
  const status = await waitForTerminal(svc!.url, res.body.commandUuid, 180_000);
  t.is(status.status, 'FINISHED', status.comment);
  const rows = await scanTable(hbase.address(), `default:${table}`);
  t.is(rows.size, 1500);
  const [key, cells] = [...rows.entries()][0];
  t.regex(key, /^\d+$/, 'row key is customer_id');
  t.true(cells.has('c:email') && cells.has('a:city'), 'columns in their mapped families');
});
