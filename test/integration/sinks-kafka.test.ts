/** The Kafka sink against a real single-node Kafka (KRaft): what a consumer reads back is exactly what was written. */
import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import { avroTypeWithBigLongs } from '../../src/sinks/files/avro-long.js';
import type { Row } from '../../src/model/types.js';
import { sinkFor } from '../../src/sinks/registry.js';
import type { SinkContext } from '../../src/sinks/types.js';
import { csvCell } from '../../src/sinks/files/csv-encoder.js';
import { customerModel, customerRows, sinkCtx } from '../helpers/services/fixtures.js';
import { serviceForTests } from '../helpers/services/for-tests.js';
import { startRegistryStandIn } from '../helpers/services/schema-registry-stand-in.js';
import { confluentAvroReader } from '../helpers/confluent-avro-read.js';
import { readTopic, readTopicsWithJava, topicLogBytes, topicRecordCount, type ReadRecord } from '../helpers/services/kafka-read.js';
import { javaPartition } from '../../src/sinks/kafka/murmur2.js';
import { jsonValueEncoder } from '../../src/sinks/kafka/record-encoder.js';
import { writeBatch } from '../../src/sinks/write-batch.js';

const test = anyTest as TestFn;
const kafka = await serviceForTests(test, 'kafka');
const sink = sinkFor('kafka');
const BATCHES = 5;
const ROWS = 1_000;

/** validate → prepare → open → write each batch → close → finalize, as the pipeline does. */
async function runCommand(ctx: SinkContext, batches = BATCHES, rows = ROWS): Promise<Map<string, { batch: number; row: Row }>> {
  sink.validate(ctx);
  await sink.prepare(ctx);
  const writer = await sink.open(ctx);
  const written = new Map<string, { batch: number; row: Row }>();
  try {
    for (let b = 0; b < batches; b++) {
      const batchRows = customerRows(b, rows);
      const result = await writeBatch(writer, b, batchRows);
      if (result.rows !== rows) throw new Error(`write reported ${result.rows} rows`);
      for (const row of batchRows) written.set(String(row.id), { batch: b, row });
    }
  } finally {
    await writer.close();
  }
  await sink.finalize(ctx);
  return written;
}

function context(topic: string, options: Record<string, string> = {}, tableNames: Record<string, string> = {}): SinkContext {
  return sinkCtx(customerModel('customer', { KAFKA_TOPIC: topic, ...tableNames }, options), { KAFKA_BROKERS: kafka.address() }, ROWS, BATCHES, randomUUID());
}

async function readAll(t: { is: (a: unknown, b: unknown, m?: string) => void }, topic: string, expected: number): Promise<ReadRecord[]> {
  const { records } = await topicRecordCount(kafka.address(), topic);
  t.is(records, expected, 'records in the topic (offsets)');
  return readTopic(kafka.address(), topic, expected);
}

kafka.test('json: 5 batches x 1,000 rows are read back as 5,000 keyed records with headers and typed JSON values', async (t) => {
  const ctx = context(`json-${randomUUID()}`, { KAFKA_MSG_KEY: 'id', KAFKA_MESSAGE_TYPE: 'json' });
  const written = await runCommand(ctx);
  const records = await readAll(t, ctx.model.tableNames.KAFKA_TOPIC!, BATCHES * ROWS);
  t.is(records.length, BATCHES * ROWS);
  const seen = new Set<string>();
  for (const r of records) {
    const exp = written.get(r.key ?? '');
    if (!exp) return t.fail(`unexpected key ${r.key}`);
    seen.add(r.key!);
    t.is(r.headers.commandUuid, ctx.commandUuid);
    t.is(r.headers.batch, String(exp.batch));
    const v = JSON.parse(r.value.toString()) as Record<string, unknown>;
    const row = exp.row;
    t.deepEqual(v, {
      id: row.id,
      name: row.name,
      email: row.email,
      age: row.age,
      account: Number(row.account), // JSON.parse rounds the exact 64-bit number; the text is checked below
      balance: row.balance,
      active: row.active,
      created: row.created,
      seen: (row.seen as Date).toISOString(),
      token: Buffer.from(row.token as Uint8Array).toString('hex').toUpperCase(),
    });
    t.true(r.value.toString().includes(`"account":${row.account}`), '64-bit integer written as an exact JSON number');
  }
  t.is(seen.size, BATCHES * ROWS, 'every row arrived once');
  // Keyed records of one key land in one partition; three partitions by default.
  t.is((await topicRecordCount(kafka.address(), ctx.model.tableNames.KAFKA_TOPIC!)).partitions, 3);
});

kafka.test('csv: records are RFC 4180 lines of the row, gzip-compressed with acks=1', async (t) => {
  const ctx = context(`csv-${randomUUID()}`, { KAFKA_MSG_KEY: 'account', KAFKA_MESSAGE_TYPE: 'csv', KAFKA_COMPRESSION: 'gzip', KAFKA_ACKS_CONFIG: '1' });
  const written = await runCommand(ctx);
  const byAccount = new Map([...written.values()].map((w) => [String(w.row.account), w]));
  const records = await readAll(t, ctx.model.tableNames.KAFKA_TOPIC!, BATCHES * ROWS);
  t.is(records.length, BATCHES * ROWS);
  for (const r of records) {
    const exp = byAccount.get(r.key ?? '');
    if (!exp) return t.fail(`unexpected key ${r.key} (a LONG key column is stringified)`);
    t.is(r.headers.batch, String(exp.batch));
    t.is(r.value.toString(), ctx.columns.map((c) => csvCell(exp.row[c.name])).join(','));
  }
});

kafka.test('avro: binary values decode with the schema carried by the batch and identified by its fingerprint', async (t) => {
  const ctx = context(`avro-${randomUUID()}`, { KAFKA_MSG_KEY: 'id', KAFKA_MESSAGE_TYPE: 'avro' }, { AVRO_NAME: 'Customer' });
  const written = await runCommand(ctx);
  const records = await readAll(t, ctx.model.tableNames.KAFKA_TOPIC!, BATCHES * ROWS);
  const withSchema = records.filter((r) => r.headers['avro.schema']);
  t.is(withSchema.length, BATCHES, 'the first record of each batch carries the schema');
  const schemaJson = withSchema[0]!.headers['avro.schema']!;
  const type = avroTypeWithBigLongs(JSON.parse(schemaJson), { wrapUnions: false });
  t.is(JSON.parse(schemaJson).name, 'Customer');
  const fingerprint = type.fingerprint('sha256').toString('hex');
  t.is(records.length, BATCHES * ROWS);
  for (const r of records) {
    t.is(r.headers['avro.schema.fingerprint'], fingerprint);
    const exp = written.get(r.key ?? '');
    if (!exp) return t.fail(`unexpected key ${r.key}`);
    const v = type.fromBuffer(r.value) as Record<string, unknown>;
    const row = exp.row;
    t.is(v.id, row.id);
    t.is(v.name, row.name);
    t.is(v.age, row.age);
    t.is(v.balance, row.balance);
    t.is(v.active, row.active);
    t.deepEqual(Buffer.from(v.token as Buffer), Buffer.from(row.token as Uint8Array));
    t.is(v.account, row.account, 'exact 64-bit long');
    t.is(v.created, BigInt(row.created as number), 'TIMESTAMP as timestamp-millis');
    t.is(v.seen, BigInt((row.seen as Date).getTime()), 'DATE as timestamp-millis');
  }
});

kafka.test('DELETE_PREVIOUS recreates the topic with KAFKA_PARTITIONS_NUMBER partitions; without it records accumulate', async (t) => {
  const topic = `again-${randomUUID()}`;
  await runCommand(context(topic), 1, 10);
  await runCommand(context(topic), 1, 10);
  t.is((await topicRecordCount(kafka.address(), topic)).records, 20, 'no DELETE_PREVIOUS: appended');
  await runCommand(context(topic, { DELETE_PREVIOUS: 'true', KAFKA_PARTITIONS_NUMBER: '5' }), 2, 7);
  const after = await topicRecordCount(kafka.address(), topic);
  t.is(after.records, 14);
  t.is(after.partitions, 5);
  const records = await readTopic(kafka.address(), topic, 14);
  t.is(records.length, 14);
  t.true(records.every((r) => r.key === null), 'no KAFKA_MSG_KEY: records have no key');
});

kafka.test('a batch larger than the broker message limit is split into several sends: 3,000 records of 2 KB arrive', async (t) => {
  const ctx = context(`big-${randomUUID()}`, { KAFKA_MSG_KEY: 'id' });
  sink.validate(ctx);
  await sink.prepare(ctx);
  const writer = await sink.open(ctx);
  const rows = customerRows(0, 3_000).map((r) => ({ ...r, name: 'n'.repeat(2_000) }));
  t.is((await writeBatch(writer, 0, rows)).rows, 3_000);
  await writer.close();
  t.is((await topicRecordCount(kafka.address(), ctx.model.tableNames.KAFKA_TOPIC!)).records, 3_000);
});

kafka.test('avro with SCHEMA_REGISTRY_URL and basic auth: the schema is registered for <topic>-value, values are Confluent wire format and decode with the schema the registry gives for their id', async (t) => {
  const registry = await startRegistryStandIn({ user: 'datagen', password: 'reg-secret', firstId: 41 });
  t.teardown(registry.close);
  const topic = `registry-${randomUUID()}`;
  const properties = { KAFKA_BROKERS: kafka.address(), SCHEMA_REGISTRY_URL: registry.url + '/', SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: 'datagen:reg-secret' };
  const ctx = sinkCtx(customerModel('customer', { KAFKA_TOPIC: topic }, { KAFKA_MESSAGE_TYPE: 'avro', KAFKA_MSG_KEY: 'id' }), properties, 100, 2, randomUUID());
  const written = await runCommand(ctx, 2, 100);
  t.true(registry.requests.length >= 2, 'registered in prepare and by the writer');
  for (const r of registry.requests) {
    t.is(r.method, 'POST');
    t.is(r.url, `/subjects/${topic}-value/versions`);
    t.is(r.type, 'application/vnd.schemaregistry.v1+json');
    t.is(r.authorization, `Basic ${Buffer.from('datagen:reg-secret').toString('base64')}`);
  }
  const read = confluentAvroReader(registry.url, { user: 'datagen', password: 'reg-secret' });
  const records = await readAll(t, topic, 200);
  for (const r of records) {
    t.false('avro.schema.fingerprint' in r.headers, 'no fingerprint header with a registry');
    const { schemaId, record: v } = await read(r.value);
    t.is(schemaId, 41, 'the id the registry assigned');
    const row = written.get(r.key ?? '')?.row;
    if (!row) return t.fail(`unexpected key ${r.key}`);
    t.is(v.id, row.id);
    t.is(v.name, row.name);
    t.is(v.balance, row.balance);
    t.is(v.account, row.account, 'exact 64-bit long');
    t.deepEqual(Buffer.from(v.token as Buffer), Buffer.from(row.token as Uint8Array));
  }
});

kafka.test('avro with credentials in SCHEMA_REGISTRY_URL: taken as basic auth, sent without them in the URL', async (t) => {
  const registry = await startRegistryStandIn({ user: 'u', password: 'p@ss' });
  t.teardown(registry.close);
  const topic = `registry-url-${randomUUID()}`;
  const url = registry.url.replace('http://', 'http://u:p%40ss@');
  const ctx = sinkCtx(customerModel('customer', { KAFKA_TOPIC: topic }, { KAFKA_MESSAGE_TYPE: 'avro' }), { KAFKA_BROKERS: kafka.address(), SCHEMA_REGISTRY_URL: url }, 10, 1, randomUUID());
  await runCommand(ctx, 1, 10);
  t.true(registry.requests.length >= 2);
  t.true(registry.requests.every((r) => r.authorization === `Basic ${Buffer.from('u:p@ss').toString('base64')}`));
  const read = confluentAvroReader(registry.url, { user: 'u', password: 'p@ss' });
  t.is((await Promise.all((await readAll(t, topic, 10)).map((r) => read(r.value)))).length, 10);
});

kafka.test('a registry that refuses the credentials fails prepare, naming the registry and never the password', async (t) => {
  const registry = await startRegistryStandIn({ user: 'datagen', password: 'right-one' });
  t.teardown(registry.close);
  const topic = `registry-refused-${randomUUID()}`;
  const properties = { KAFKA_BROKERS: kafka.address(), SCHEMA_REGISTRY_URL: registry.url, SCHEMA_REGISTRY_USERNAME: 'datagen', SCHEMA_REGISTRY_PASSWORD: 'wrong-one' };
  const ctx = sinkCtx(customerModel('customer', { KAFKA_TOPIC: topic }, { KAFKA_MESSAGE_TYPE: 'avro' }), properties, 10, 1, randomUUID());
  sink.validate(ctx);
  const err = await t.throwsAsync(sink.prepare(ctx));
  t.regex(err!.message, new RegExp(`schema registry ${registry.url} subject ${topic}-value: the registry refused the credentials \\(HTTP 401`));
  t.false(err!.message.includes('wrong-one'), 'no password in the error');
});

kafka.test('an unreachable registry fails prepare naming it, without the credentials of its URL', async (t) => {
  const topic = `registry-down-${randomUUID()}`;
  const properties = { KAFKA_BROKERS: kafka.address(), SCHEMA_REGISTRY_URL: 'http://me:hidden-pw@127.0.0.1:1' };
  const ctx = sinkCtx(customerModel('customer', { KAFKA_TOPIC: topic }, { KAFKA_MESSAGE_TYPE: 'avro' }), properties, 10, 1, randomUUID());
  const err = await t.throwsAsync(sink.prepare(ctx));
  t.regex(err!.message, /schema registry http:\/\/127\.0\.0\.1:1 unreachable: connect ECONNREFUSED/);
  t.false(err!.message.includes('hidden-pw'), 'no password in the error');
});

kafka.test('KAFKA_COMPRESSION gzip, snappy, lz4, zstd: the Java client reads every record back, keyed ones on the Java partitions, and the broker holds less', async (t) => {
  const codecs = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];
  const topics = new Map<string, { codec: string; written: Map<string, { batch: number; row: Row }> }>();
  for (const codec of codecs) {
    const ctx = context(`codec-${codec}-${randomUUID()}`, { KAFKA_MSG_KEY: 'id', KAFKA_COMPRESSION: codec, KAFKA_PARTITIONS_NUMBER: '7' });
    topics.set(ctx.model.tableNames.KAFKA_TOPIC!, { codec, written: await runCommand(ctx, 2, 1_000) });
  }
  const records = await readTopicsWithJava(kafka.address(), [...topics.keys()], codecs.length * 2_000);
  t.is(records.length, codecs.length * 2_000);
  const encode = jsonValueEncoder(context('x').columns);
  const byTopic = new Map<string, number>();
  for (const r of records) {
    const { written } = topics.get(r.topic)!;
    const exp = written.get(r.key ?? '');
    if (!exp) return t.fail(`unexpected key ${r.key} in ${r.topic}`);
    byTopic.set(r.topic, (byTopic.get(r.topic) ?? 0) + 1);
    t.is(r.value.toString('utf8'), String(encode(exp.row)), 'value as written');
    t.is(r.headers.batch, String(exp.batch));
    t.is(r.partition, javaPartition(Buffer.from(r.key!), 7), `key ${r.key} where a Java producer puts it`);
  }
  t.deepEqual([...byTopic.values()], codecs.map(() => 2_000), 'every record of every topic, once');
  const sizes = new Map<string, number>();
  for (const [topic, { codec }] of topics) sizes.set(codec, await topicLogBytes(kafka.address(), topic, 7));
  for (const codec of codecs.slice(1)) t.true(sizes.get(codec)! < sizes.get('none')! * 0.7, `${codec}: ${sizes.get(codec)} bytes against ${sizes.get('none')} uncompressed`);
});

kafka.test('an idempotent producer (KAFKA_ENABLE_IDEMPOTENCE, with zstd) writes every record once, keyed on the Java partitions', async (t) => {
  const ctx = context(`idempotent-${randomUUID()}`, { KAFKA_MSG_KEY: 'email', KAFKA_ENABLE_IDEMPOTENCE: 'true', KAFKA_COMPRESSION: 'zstd' });
  const written = await runCommand(ctx, 3, 1_000);
  const byEmail = new Map([...written.values()].map((w) => [String(w.row.email), w]));
  const records = await readTopicsWithJava(kafka.address(), [ctx.model.tableNames.KAFKA_TOPIC!], 3_000);
  t.is((await topicRecordCount(kafka.address(), ctx.model.tableNames.KAFKA_TOPIC!)).records, 3_000);
  t.is(new Set(records.map((r) => r.key)).size, 3_000);
  for (const r of records) {
    if (!byEmail.has(r.key ?? '')) return t.fail(`unexpected key ${r.key}`);
    t.is(r.partition, javaPartition(Buffer.from(r.key!), 3));
  }
});

kafka.test('KAFKA_CLIENT=kafkajs (the former client) writes the same records, gzip, keyed on the Java partitions', async (t) => {
  const ctx = sinkCtx(
    customerModel('customer', { KAFKA_TOPIC: `kafkajs-${randomUUID()}` }, { KAFKA_MSG_KEY: 'id', KAFKA_COMPRESSION: 'gzip' }),
    { KAFKA_BROKERS: kafka.address(), KAFKA_CLIENT: 'kafkajs' },
    ROWS,
    2,
    randomUUID(),
  );
  const written = await runCommand(ctx, 2, 1_000);
  const records = await readTopicsWithJava(kafka.address(), [ctx.model.tableNames.KAFKA_TOPIC!], 2_000);
  t.is(records.length, 2_000);
  const encode = jsonValueEncoder(ctx.columns);
  for (const r of records) {
    const exp = written.get(r.key ?? '');
    if (!exp) return t.fail(`unexpected key ${r.key}`);
    t.is(r.value.toString('utf8'), String(encode(exp.row)));
    t.is(r.partition, javaPartition(Buffer.from(r.key!), 3));
  }
});
