/**
 * The whole pipeline into a real HBase: POST /datagen/hbase on a running service, read back through the REST
 * gateway's scanner with plain fetch.
 */
import test from 'ava';
import { scanTable } from '../helpers/services/hbase-read.js';
import { customerModel, serviceWithSinkServer } from '../helpers/service-with-sink-server.js';
import { submit, waitForTerminal } from '../helpers/service-process.js';

const { server: hbase, service } = await serviceWithSinkServer(test, 'hbase');

hbase.test('POST /datagen/hbase: the table holds exactly the generated rows, keyed by HBASE_PRIMARY_KEY', async (t) => {
  const table = `e2e_customers_${Date.now()}`;
  const res = await submit(service().url, 'hbase', { rows: 500, batches: 3, threads: 2 }, { text: await customerModel({ HBASE_TABLE_NAME: table, HBASE_NAMESPACE: 'default' }) });
  t.is(res.status, 200, JSON.stringify(res.body));
  const status = await waitForTerminal(service().url, res.body.commandUuid, 180_000);
  t.is(status.status, 'FINISHED', status.comment);
  const rows = await scanTable(hbase.address(), `default:${table}`);
  t.is(rows.size, 1500);
  const [key, cells] = [...rows.entries()][0];
  t.regex(key, /^\d+$/, 'row key is customer_id');
  t.true(cells.has('c:email') && cells.has('a:city'), 'columns in their mapped families');
});
