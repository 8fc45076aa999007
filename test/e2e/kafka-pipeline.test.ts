/**
 * The whole pipeline into a real Kafka broker: POST /datagen/kafka on a running service, read back with an
 * independent kafkajs consumer.
 */
import test from 'ava';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readTopic, topicRecordCount } from '../helpers/services/kafka-read.js';
import { serviceForTests } from '../helpers/services/for-tests.js';
import { getJson, ROOT, startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const kafka = await serviceForTests(test, 'kafka');
let svc: ServiceProcess | undefined;

test.before('start the service', async (t) => {
  t.timeout(16 * 60_000);
  // ava runs before-hooks concurrently: wait for the kafka hook to have started the server.
  let address = '';
  while (!address) {
    try {
      address = kafka.address();
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  svc = await startServe({ env: { KAFKA_BROKERS: address } });
});
test.after.always('stop the service', async () => {
  await svc?.stop();
});

async function customers(tableNames: Record<string, string>): Promise<string> {
  const model = JSON.parse(await readFile(path.join(ROOT, 'models', 'customers-usa.json'), 'utf8'));
  model.Table_Names = { ...model.Table_Names, ...tableNames };
  return JSON.stringify(model);
}

kafka.test('POST /datagen/kafka: 5 batches × 1,000 rows arrive as exactly 5,000 keyed records', async (t) => {
  const topic = `e2e_customers_${Date.now()}`;
  const res = await submit(svc!.url, 'kafka', { rows: 1000, batches: 5, threads: 2, seed: 7 }, { text: await customers({ KAFKA_TOPIC: topic }) });
  t.is(res.status, 200, JSON.stringify(res.body));
  const status = await waitForTerminal(svc!.url, res.body.commandUuid, 180_000);
  t.is(status.status, 'FINISHED', status.comment);
  t.is(status.rowsWritten, 5000);
  t.is((await topicRecordCount(kafka.address(), topic)).records, 5000);
  const records = await readTopic(kafka.address(), topic, 5000);
  const values = records.map((r) => JSON.parse(r.value.toString('utf8')));
  t.true(records.every((r, i) => r.key === values[i].email), 'KAFKA_MSG_KEY is the email column');
  t.true(records.every((r) => r.headers.commandUuid === res.body.commandUuid));
  t.deepEqual([...new Set(records.map((r) => r.headers.batch))].sort(), ['0', '1', '2', '3', '4']);
  t.is(new Set(values.map((v) => v.customer_id)).size, 5000);
  const history = (await getJson(svc!.url, `/command/history?commandUuid=${res.body.commandUuid}`)).body.events;
  t.is(history.filter((e: any) => e.type === 'batch-completed').length, 5);
});

