/** Kafka sink failures: bad options answer a 400 at validate; an unreachable broker rejects naming the sink and its address. */
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { BadRequestError, ModelError } from '../../src/errors.js';
import { parseModel } from '../../src/model/parse.js';
import { sinkFor } from '../../src/sinks/registry.js';
import { customerModel, customerRows, sinkCtx } from '../helpers/services/fixtures.js';
import { writeBatch } from '../../src/sinks/write-batch.js';

const sink = sinkFor('kafka');
// Port 1 on loopback: nothing listens there, so connections are refused at once.
const UNREACHABLE = '127.0.0.1:1';
const ctx = (options: Record<string, string> = {}, properties: Record<string, string> = { KAFKA_BROKERS: UNREACHABLE }, tableNames: Record<string, string> = { KAFKA_TOPIC: 't' }) =>
  sinkCtx(customerModel('customer', tableNames, options), properties, 10, 1, randomUUID());

test('prepare() against an unreachable broker rejects with the sink, its address and the cause', async (t) => {
  const err = await t.throwsAsync(sink.prepare(ctx()));
  t.regex(err!.message, /^kafka 127\.0\.0\.1:1 topic t: preparing the topic failed: .*(ECONNREFUSED|Connection)/);
});

test('write() against an unreachable broker rejects with the sink, its address and the batch', async (t) => {
  const writer = await sink.open(ctx({ KAFKA_RETRIES_CONFIG: '1' }));
  const err = await t.throwsAsync(writeBatch(writer, 3, customerRows(3, 5)));
  t.regex(err!.message, /^kafka 127\.0\.0\.1:1 topic t: sending batch 3 failed: .*(ECONNREFUSED|Connection)/);
  await writer.close();
});

test('describe() names the brokers and topic, defaulting the topic to the model name', (t) => {
  t.is(sink.describe(ctx()), 'kafka 127.0.0.1:1 topic t');
  t.is(sink.describe(ctx({}, { KAFKA_BROKERS: 'h:9092' }, {})), 'kafka h:9092 topic customer');
});

const invalid: [string, Record<string, string>, Record<string, string>, Record<string, string>, RegExp][] = [
  ['no KAFKA_BROKERS', {}, {}, { KAFKA_TOPIC: 't' }, /kafka sink needs KAFKA_BROKERS/],
  ['a key column that does not exist', { KAFKA_MSG_KEY: 'nope' }, { KAFKA_BROKERS: UNREACHABLE }, {}, /Options\.KAFKA_MSG_KEY names "nope"/],
  ['an unknown message type', { KAFKA_MESSAGE_TYPE: 'xml' }, { KAFKA_BROKERS: UNREACHABLE }, {}, /KAFKA_MESSAGE_TYPE must be one of json, csv, avro/],
  ['zero partitions', { KAFKA_PARTITIONS_NUMBER: '0' }, { KAFKA_BROKERS: UNREACHABLE }, {}, /KAFKA_PARTITIONS_NUMBER must be a positive integer/],
  ['bad acks', { KAFKA_ACKS_CONFIG: '2' }, { KAFKA_BROKERS: UNREACHABLE }, {}, /KAFKA_ACKS_CONFIG must be one of all, -1, 0, 1/],
  ['an illegal topic', {}, { KAFKA_BROKERS: UNREACHABLE }, { KAFKA_TOPIC: 'a topic' }, /"a topic" is not a legal topic name/],
  ['negative retries', { KAFKA_RETRIES_CONFIG: '-1' }, { KAFKA_BROKERS: UNREACHABLE }, {}, /KAFKA_RETRIES_CONFIG must be an integer >= 0, got "-1"/],
  ['a negative linger', { KAFKA_LINGER_MS: '-1' }, { KAFKA_BROKERS: UNREACHABLE }, {}, /KAFKA_LINGER_MS must be an integer >= 0, got "-1"/],
  ['idempotence without acks=all', { KAFKA_ENABLE_IDEMPOTENCE: 'true', KAFKA_ACKS_CONFIG: '1' }, { KAFKA_BROKERS: UNREACHABLE }, {}, /KAFKA_ENABLE_IDEMPOTENCE needs KAFKA_ACKS_CONFIG=all, got "1"/],
  ['idempotence on kafkajs', { KAFKA_ENABLE_IDEMPOTENCE: 'true' }, { KAFKA_BROKERS: UNREACHABLE, KAFKA_CLIENT: 'kafkajs' }, {}, /KAFKA_ENABLE_IDEMPOTENCE: the kafkajs client has no idempotent producer/],
  ['snappy on kafkajs', { KAFKA_COMPRESSION: 'snappy' }, { KAFKA_BROKERS: UNREACHABLE, KAFKA_CLIENT: 'kafkajs' }, {}, /KAFKA_COMPRESSION must be one of none, gzip, got "snappy"/],
  ['an unknown client', {}, { KAFKA_BROKERS: UNREACHABLE, KAFKA_CLIENT: 'rdkafka' }, {}, /KAFKA_CLIENT must be one of platformatic, kafkajs, got "rdkafka"/],
  ['bad compression', { KAFKA_COMPRESSION: 'brotli' }, { KAFKA_BROKERS: UNREACHABLE }, {}, /KAFKA_COMPRESSION must be one of none, gzip, snappy, lz4, zstd, got "brotli"/],
];
for (const [what, options, properties, tableNames, message] of invalid) {
  test(`validate() rejects ${what} with a 400 saying so`, (t) => {
    const err = t.throws(() => sink.validate(ctx(options, properties, tableNames)));
    t.true(err instanceof BadRequestError);
    t.regex(err!.message, message);
  });
}

test('validate() accepts the documented options, with brokers from the command properties', (t) => {
  t.notThrows(() =>
    sink.validate(ctx({ KAFKA_MSG_KEY: 'age', KAFKA_MESSAGE_TYPE: 'avro', KAFKA_ACKS_CONFIG: 'all', KAFKA_RETRIES_CONFIG: '0', DELETE_PREVIOUS: 'true', KAFKA_REPLICATION_FACTOR: '1' })),
  );
});

test('the producer options are model keys: no unknown-key warning, a wrong value a 400 naming the key', (t) => {
  const model = (Options: Record<string, string>) => ({ Fields: [{ name: 'id', type: 'STRING' }], Options });
  for (const codec of ['none', 'gzip', 'snappy', 'lz4', 'ZSTD']) {
    t.deepEqual(parseModel(model({ KAFKA_COMPRESSION: codec, KAFKA_LINGER_MS: '20', KAFKA_ENABLE_IDEMPOTENCE: 'true', KAFKA_CLIENT: 'platformatic' })).warnings ?? [], []);
  }
  const err = t.throws(() => parseModel(model({ KAFKA_COMPRESSION: 'brotli' })));
  t.true(err instanceof ModelError);
  t.regex(err!.message, /^Options\.KAFKA_COMPRESSION: must be one of NONE, GZIP, SNAPPY, LZ4, ZSTD, got "brotli"/);
});

test('the kafkajs client (KAFKA_CLIENT=kafkajs) reports an unreachable broker the same way', async (t) => {
  const writer = await sink.open(ctx({ KAFKA_RETRIES_CONFIG: '0' }, { KAFKA_BROKERS: UNREACHABLE, KAFKA_CLIENT: 'kafkajs' }));
  const err = await t.throwsAsync(writeBatch(writer, 2, customerRows(2, 5)));
  t.regex(err!.message, /^kafka 127\.0\.0\.1:1 topic t: sending batch 2 failed: .*(ECONNREFUSED|Connection)/);
  await writer.close();
});
