/**
 * A rate-controlled stream into a real Kafka broker: exactly its records, each TIMESTAMP field the row's scheduled
 * send instant from the command's running event (no seed: the real send time), and no record sent (its Kafka
 * timestamp, set by the producer at send) before that instant.
 */
import test from 'ava';
import { offsetOfRow } from '../../src/command/rate-schedule.js';
import { readTopic } from '../helpers/services/kafka-read.js';
import { serviceWithSinkServer } from '../helpers/service-with-sink-server.js';
import { getJson, submit, waitForTerminal } from '../helpers/service-process.js';

const { server: kafka, service } = await serviceWithSinkServer(test, 'kafka');

kafka.test('a paced command streams exactly its records to Kafka, none before its instant', async (t) => {
  const topic = `e2e_paced_${Date.now()}`;
  const model = JSON.stringify({
    model_name: 'paced-stream',
    Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 'ts', type: 'TIMESTAMP' }, { name: 'word', type: 'STRING', length: 8 }],
    Table_Names: { KAFKA_TOPIC: topic },
    Options: { KAFKA_MESSAGE_TYPE: 'json' },
  });
  const rate = { rowsPerSecond: 2000, burst: 20 };
  const res = await submit(service().url, 'kafka', { rows: 500, batches: 3, threads: 2, rows_per_second: 2000, burst: 20 }, { text: model });
  t.is(res.status, 200, JSON.stringify(res.body));
  const status = await waitForTerminal(service().url, res.body.commandUuid, 180_000);
  t.is(status.status, 'FINISHED', status.comment);
  const history = (await getJson(service().url, `/command/history?commandUuid=${res.body.commandUuid}`)).body.events as Array<{ type: string; at: string }>;
  const origin = Date.parse(history.find((e) => e.type === 'running')!.at);
  const records = await readTopic(kafka.address(), topic, 1500);
  t.is(records.length, 1500);
  const rows = records.map((r) => ({ ...(JSON.parse(r.value.toString('utf8')) as { id: number; ts: string | number }), sentAt: r.timestamp! }));
  t.deepEqual(rows.map((r) => r.id).sort((a, b) => a - b), Array.from({ length: 1500 }, (_, i) => i));
  const offSchedule = rows.filter((r) => new Date(r.ts).getTime() !== origin + Math.floor(offsetOfRow(rate, r.id)));
  t.deepEqual(offSchedule.slice(0, 3), [], 'TIMESTAMP is the row\'s scheduled instant');
  const early = rows.filter((r) => r.sentAt < new Date(r.ts).getTime());
  t.deepEqual(early.slice(0, 3), [], 'no record was sent before its instant');
});
