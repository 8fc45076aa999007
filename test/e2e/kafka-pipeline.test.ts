/**
 * The whole pipeline into a real Kafka broker: POST /datagen/kafka on a running service, read back with an
 * independent kafkajs consumer.
 */
import test from 'ava';
import { readTopic, readTopicsWithJava, topicRecordCount } from '../helpers/services/kafka-read.js';
import { customerModel, serviceWithSinkServer } from '../helpers/service-with-sink-server.js';
import { getJson, submit, waitForTerminal } from '../helpers/service-process.js';

const { server: kafka, service } = await serviceWithSinkServer(test, 'kafka');

kafka.test('POST /datagen/kafka: 5 batches × 1,000 rows arrive as exactly 5,000 keyed records', async (t) => {
  const topic = `e2e_customers_${Date.now()}`;
  const res = await submit(service().url, 'kafka', { rows: 1000, batches: 5, threads: 2, seed: 7 }, { text: await customerModel({ KAFKA_TOPIC: topic }) });
  t.is(res.status, 200, JSON.stringify(res.body));
  const status = await waitForTerminal(service().url, res.body.commandUuid, 180_000);
  t.is(status.status, 'FINISHED', status.comment);
  t.is(status.rowsWritten, 5000);
  t.is((await topicRecordCount(kafka.address(), topic)).records, 5000);
  const records = await readTopic(kafka.address(), topic, 5000);
  const values = records.map((r) => JSON.parse(r.value.toString('utf8')));
  t.true(records.every((r, i) => r.key === values[i].email), 'KAFKA_MSG_KEY is the email column');
  t.true(records.every((r) => r.headers.commandUuid === res.body.commandUuid));
  t.deepEqual([...new Set(records.map((r) => r.headers.batch))].sort(), ['0', '1', '2', '3', '4']);
  t.is(new Set(values.map((v) => v.customer_id)).size, 5000);
  const history = (await getJson(service().url, `/command/history?commandUuid=${res.body.commandUuid}`)).body.events;
  t.is(history.filter((e: any) => e.type === 'batch-completed').length, 5);
});


kafka.test('POST /datagen/kafka with KAFKA_COMPRESSION=lz4: no unknown-key warning, every record read back by the Java client; a wrong codec is a 400 naming the key', async (t) => {
  const topic = `e2e_lz4_${Date.now()}`;
  const res = await submit(service().url, 'kafka', { rows: 500, batches: 2, threads: 2, seed: 3 }, { text: await customerModel({ KAFKA_TOPIC: topic }, { KAFKA_COMPRESSION: 'lz4' }) });
  t.is(res.status, 200, JSON.stringify(res.body));
  t.false(JSON.stringify(res.body.warnings ?? []).includes('KAFKA_COMPRESSION'), JSON.stringify(res.body.warnings));
  const status = await waitForTerminal(service().url, res.body.commandUuid, 180_000);
  t.is(status.status, 'FINISHED', status.comment);
  const records = await readTopicsWithJava(kafka.address(), [topic], 1000);
  t.is(records.length, 1000);
  t.is(new Set(records.map((r) => JSON.parse(r.value.toString('utf8')).customer_id)).size, 1000);
  const bad = await submit(service().url, 'kafka', { rows: 1, batches: 1 }, { text: await customerModel({ KAFKA_TOPIC: topic }, { KAFKA_COMPRESSION: 'brotli' }) });
  t.is(bad.status, 400);
  t.regex(bad.body.error, /Options\.KAFKA_COMPRESSION: must be one of NONE, GZIP, SNAPPY, LZ4, ZSTD, got "brotli"/);
});
