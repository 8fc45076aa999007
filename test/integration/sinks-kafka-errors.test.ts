/** Kafka sink failures: bad options answer a 400 at validate; an unreachable broker rejects naming the sink and its address. */
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { BadRequestError } from '../../src/errors.js';
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
