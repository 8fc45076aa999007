/**
 * Dirty data through a real Kafka (docs/dirty-data.md): the dirty model (test/helpers/dirty-rows.ts) written by
 * `datagen serve` as JSON values and as Avro values, read back by an independent consumer. Nulls are JSON nulls /
 * the null branch of each field's union, Kafka being a typed sink no value has the wrong type (a malformed value is
 * truncated or out of range within its type), and /command/get's fault counts equal what the topic holds.
 */
import test from 'ava';
import avro from 'avsc';
import { assertTypedDirtyRows, dirtyModel, type DirtyRow } from '../helpers/dirty-rows.js';
import { readTopic, topicRecordCount } from '../helpers/services/kafka-read.js';
import { serviceWithSinkServer } from '../helpers/service-with-sink-server.js';
import { getJson, submit, waitForTerminal } from '../helpers/service-process.js';

const { server: kafka, service } = await serviceWithSinkServer(test, 'kafka');

const ROWS = 2000;
const BATCHES = 3;

async function run(topic: string, options: Record<string, string>) {
  const res = await submit(service().url, 'kafka', { rows: ROWS, batches: BATCHES, threads: 2, seed: 17 }, { text: dirtyModel(topic, { KAFKA_TOPIC: topic }, { KAFKA_PARTITIONS_NUMBER: '3', ...options }) });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  const status = await waitForTerminal(service().url, res.body.commandUuid, 180_000);
  if (status.status !== 'FINISHED') throw new Error(JSON.stringify(status));
  const details = (await getJson(service().url, `/command/get?commandUuid=${res.body.commandUuid}`)).body;
  if ((await topicRecordCount(kafka.address(), topic)).records !== ROWS * BATCHES) throw new Error(`${topic}: not ${ROWS * BATCHES} records`);
  return { details, records: await readTopic(kafka.address(), topic, ROWS * BATCHES) };
}

function check(t: import('ava').ExecutionContext, rows: DirtyRow[], faults: unknown): void {
  t.true(rows.every((r) => Number.isInteger(r.id) && r.id >= 0 && r.id < ROWS * BATCHES), 'every id is a row index');
  assertTypedDirtyRows(t, rows, ROWS * BATCHES, faults);
}

kafka.test('JSON values: nulls are JSON nulls, malformed values keep their type, and the view\'s fault counts are what the topic holds', async (t) => {
  const { details, records } = await run(`dirty_json_${Date.now()}`, {});
  check(t, records.map((r) => JSON.parse(r.value.toString('utf8')) as DirtyRow), details.faults);
});

kafka.test('Avro values: every field a union with null, nulls decode as null, and the counts match', async (t) => {
  const { details, records } = await run(`dirty_avro_${Date.now()}`, { KAFKA_MESSAGE_TYPE: 'avro' });
  const schema = JSON.parse(records.find((r) => r.headers['avro.schema'])!.headers['avro.schema']!);
  t.deepEqual(schema.fields.map((f: { name: string; type: unknown }) => [f.name, f.type]), [
    ['id', ['null', 'int']], ['s', ['null', 'string']], ['n', ['null', 'int']], ['l', ['null', 'long']], ['f', ['null', 'double']],
    ['b', ['null', 'boolean']], ['u', ['null', 'string']], ['ts', ['null', { type: 'long', logicalType: 'timestamp-millis' }]],
  ]);
  // Without logical types registered, a timestamp-millis decodes as its epoch ms.
  const type = avro.Type.forSchema(schema);
  check(t, records.map((r) => ({ ...(type.fromBuffer(r.value) as DirtyRow) })), details.faults);
});
