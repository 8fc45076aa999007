/**
 * A lifecycle model through the whole pipeline into a real Kafka: POST /datagen/kafka with a change-stream model,
 * read back with an independent kafkajs consumer. Keys are the entity keys, ops c/u/d, a tombstone follows each
 * delete in its key's partition, and replaying the stream gives exactly the latest_state command's rows.
 */
import test from 'ava';
import avro from 'avsc';
import { compileModel } from '../../src/model/compile.js';
import { parseModelText } from '../../src/model/parse.js';
import { jsonValueEncoder } from '../../src/sinks/kafka/record-encoder.js';
import { replay, type ChangeEvent } from '../helpers/change-replay.js';
import { readTopic, topicRecordCount, type ReadRecord } from '../helpers/services/kafka-read.js';
import { serviceForTests } from '../helpers/services/for-tests.js';
import { startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const kafka = await serviceForTests(test, 'kafka');
let served: ServiceProcess | undefined;
test.before('start the service against kafka', async (t) => {
  t.timeout(16 * 60_000);
  await kafka.ready();
  // A first compile on a busy machine (the name dictionaries loading) may pass the default 10 s check budget.
  served = await startServe({ env: { ...kafka.env(), DATAGEN_MODEL_TEST_TIMEOUT_MS: '120000' } });
});
test.after.always('stop the service', async () => {
  await served?.stop();
});
const service = () => served!;

const ENTITIES = 200;
const PER_STEP = 40; // update_probability 0.2 of 200
const STEPS = 45;
const EVENTS = ENTITIES + STEPS * PER_STEP; // 2,000: 4 batches of 500

function model(topic: string, lifecycle: Record<string, unknown>, options: Record<string, string> = {}): string {
  return JSON.stringify({
    model_name: 'accounts',
    Fields: [
      { name: 'account_id', type: 'LONG' }, { name: 'holder', type: 'NAME' }, { name: 'balance', type: 'INTEGER', min: 0, max: 10000 },
      { name: 'status', type: 'STRING', possible_values: ['ACTIVE', 'FROZEN'] }, { name: 'score', type: 'FLOAT' },
    ],
    Lifecycle: { key: 'account_id', entities: ENTITIES, update_probability: 0.2, delete_probability: 0.15, changes: { balance: { drift: 100 }, status: 'regenerate', score: { probability: 0.5 } }, ...lifecycle },
    Table_Names: { KAFKA_TOPIC: topic },
    Options: { KAFKA_PARTITIONS_NUMBER: '3', ...options },
  });
}

async function run(t: import('ava').ExecutionContext, text: string, rows: number, batches: number, expectedRecords: number): Promise<ReadRecord[]> {
  const topic = JSON.parse(text).Table_Names.KAFKA_TOPIC as string;
  const res = await submit(service().url, 'kafka', { rows, batches, threads: 2, seed: 17 }, { text });
  t.is(res.status, 200, JSON.stringify(res.body));
  const status = await waitForTerminal(service().url, res.body.commandUuid, 180_000);
  t.is(status.status, 'FINISHED', status.comment);
  t.is((await topicRecordCount(kafka.address(), topic)).records, expectedRecords);
  return readTopic(kafka.address(), topic, expectedRecords);
}

type Envelope = { before: Record<string, unknown> | null; after: Record<string, unknown> | null; op: string; ts_ms: number; source: { seq: number; name: string } };

/** Events in stream order (seq): batches run in parallel, so arrival order across batches is not the stream's. */
function inStreamOrder(records: ReadRecord[], decode: (r: ReadRecord) => Envelope): Array<ChangeEvent<unknown> & { seq: number }> {
  return records.filter((r) => !r.tombstone).map((r) => {
    const v = decode(r);
    return { key: r.key!, op: v.op, before: v.before, after: v.after, seq: Number(v.source.seq) };
  }).sort((a, b) => a.seq - b.seq);
}

/** The latest_state rows of the same model and seed, generated in this process, as JSON values by key. */
async function latestState(): Promise<Map<string, unknown>> {
  const generator = await compileModel(parseModelText(model('state', { output: 'latest_state', steps: STEPS })));
  const encode = jsonValueEncoder(generator.columns);
  return new Map(generator.generate(17, 0, ENTITIES).map((row) => [String(row.account_id), JSON.parse(encode(row) as string)]));
}

kafka.test('a latest_state command writes one keyed record per live entity, the rows generated here', async (t) => {
  const topic = `lifecycle_state_${Date.now()}`;
  const text = model(topic, { output: 'latest_state', steps: STEPS });
  // The same model and seed generated in this process: what the service's workers must have written.
  const generator = await compileModel(parseModelText(text));
  const expected = [0, 1].flatMap((b) => generator.generate(17, b, 100));
  const records = await run(t, text, 100, 2, expected.length);
  const latest = new Map<string, unknown>();
  for (const r of records) latest.set(r.key!, JSON.parse(r.value.toString()));
  t.is(latest.size, records.length, 'one record per key');
  t.true(latest.size < ENTITIES && latest.size > ENTITIES / 2, `${latest.size} live entities`);
  const byNumber = (a: string, b: string) => Number(a) - Number(b);
  t.deepEqual([...latest.keys()].sort(byNumber), expected.map((r) => String(r.account_id)).sort(byNumber), 'the record key is the entity key');
  for (const row of expected) t.is(JSON.stringify(latest.get(String(row.account_id))), jsonValueEncoder(generator.columns)(row) as string);
});

kafka.test('json change stream: keys, ops, tombstones after deletes, and its replay is exactly the latest state', async (t) => {
  const topic = `lifecycle_json_${Date.now()}`;
  const text = model(topic, { tombstones: true });
  // Records: one per event plus a tombstone per delete, counted from a first read of the offsets.
  const res = await submit(service().url, 'kafka', { rows: 500, batches: 4, threads: 2, seed: 17 }, { text });
  t.is(res.status, 200, JSON.stringify(res.body));
  const status = await waitForTerminal(service().url, res.body.commandUuid, 180_000);
  t.is(status.status, 'FINISHED', status.comment);
  t.is(status.rowsWritten, EVENTS);
  const { records: total } = await topicRecordCount(kafka.address(), topic);
  const records = await readTopic(kafka.address(), topic, total);
  const events = inStreamOrder(records, (r) => JSON.parse(r.value.toString()) as Envelope);
  t.is(events.length, EVENTS);
  t.deepEqual(events.map((e) => e.seq), Array.from({ length: EVENTS }, (_, j) => j), 'every event once');
  const deletes = events.filter((e) => e.op === 'd');
  t.true(deletes.length > 0 && events.some((e) => e.op === 'u'));
  t.is(total - EVENTS, deletes.length, 'one tombstone per delete');
  t.true(events.every((e) => e.key === String((e.after ?? e.before)!.account_id)), 'the record key is the entity key');
  // In each partition (one per key), every tombstone comes right after a delete of its key.
  const byPartition = new Map<number, ReadRecord[]>();
  for (const r of records) byPartition.set(r.partition, [...(byPartition.get(r.partition) ?? []), r]);
  for (const list of byPartition.values()) {
    list.forEach((r, i) => {
      if (!r.tombstone) return;
      const previous = JSON.parse(list[i - 1]!.value.toString()) as Envelope;
      t.is(previous.op, 'd');
      t.is(list[i - 1]!.key, r.key);
    });
  }
  const table = replay(events);
  t.deepEqual(Object.fromEntries(table), Object.fromEntries(await latestState()), 'the replayed stream is the latest_state output');
});

kafka.test('avro change stream: the Debezium shape decodes with the schema header, and replays to the same state', async (t) => {
  const topic = `lifecycle_avro_${Date.now()}`;
  const records = await run(t, model(topic, {}, { KAFKA_MESSAGE_TYPE: 'avro' }), 500, 4, EVENTS);
  const schema = records.find((r) => r.headers['avro.schema'])!.headers['avro.schema']!;
  t.is(JSON.parse(schema).name, 'Envelope');
  // Longs as numbers here: every value is small, and the JSON state compares with numbers.
  const type = avro.Type.forSchema(JSON.parse(schema));
  const events = inStreamOrder(records, (r) => type.fromBuffer(r.value) as Envelope);
  t.deepEqual(new Set(events.map((e) => e.op)), new Set(['c', 'u', 'd']));
  const plain = (row: Record<string, unknown> | null) => (row ? { ...row } : null);
  const table = replay(events.map((e) => ({ ...e, before: plain(e.before), after: plain(e.after) })));
  t.deepEqual(Object.fromEntries(table), Object.fromEntries(await latestState()));
});
