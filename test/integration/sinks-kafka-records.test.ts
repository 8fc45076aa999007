/**
 * The Kafka sink's own encoders, checked against references: record bytes against kafkajs's original record
 * encoder, the key hash against kafkajs's (Java-compatible) murmur2, Avro values against avsc decoding.
 */
import { createRequire } from 'node:module';
import test from 'ava';
import { avroTypeWithBigLongs } from '../../src/sinks/files/avro-long.js';
import { avroValueEncoder, confluentFrame } from '../../src/sinks/kafka/avro-value.js';
import { fastRecord, originalRecordEncoder } from '../../src/sinks/kafka/fast-records.js';
import { fastDefaultPartitioner, murmur2 } from '../../src/sinks/kafka/murmur2.js';
import { CUSTOMER_COLUMNS, customerModel, customerRow } from '../helpers/services/fixtures.js';

const require = createRequire(import.meta.url);

test('fast record encoder writes exactly the bytes of kafkajs for keys, values and headers of every shape', (t) => {
  const original = originalRecordEncoder();
  const shared = { commandUuid: '0b7c1c5e-1111-4000-8000-123456789abc', batch: '12' };
  const cases = [
    { key: 'k', value: 'v', headers: shared },
    { key: null, value: Buffer.from([0, 1, 2, 255]), headers: shared },
    { key: Buffer.from('é☃ key'), value: null, headers: {} },
    { key: 'x'.repeat(200), value: 'ü'.repeat(10_000), headers: { a: ['1', '2'], b: Buffer.from([9]), 'ñ': 'multi-byte ☃' } },
    { key: '', value: '', headers: undefined },
  ];
  let compared = 0;
  for (const c of cases) {
    for (const offsetDelta of [0, 1, 63, 64, 8191, 8192, 999_999]) {
      for (const timestampDelta of [0, 1, 64, 1_000_000, -5]) {
        const args = { ...c, offsetDelta, timestampDelta };
        t.deepEqual(fastRecord(args, original).buffer, original(args).buffer, JSON.stringify({ offsetDelta, timestampDelta, key: c.key }));
        compared++;
      }
    }
  }
  // Outside the fast path's range it hands over to the original.
  const huge = { key: 'k', value: 'v', headers: shared, offsetDelta: 0, timestampDelta: 2 ** 40 };
  t.deepEqual(fastRecord(huge, original).buffer, original(huge).buffer);
  t.is(compared, 175);
});

test('murmur2 and the partitioner place keys exactly as kafkajs DefaultPartitioner (and the Java client) do', (t) => {
  const reference = require('kafkajs/src/producer/partitioners/default/murmur2.js') as (key: Buffer) => number;
  const { Partitioners } = require('kafkajs') as typeof import('kafkajs');
  const theirs = Partitioners.DefaultPartitioner();
  const ours = fastDefaultPartitioner();
  const partitionMetadata = [0, 1, 2, 3, 4, 5, 6].map((partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
  for (let i = 0; i < 5_000; i++) {
    const key = `key-${i}-${'é'.repeat(i % 5)}${'x'.repeat(i % 7)}`;
    t.is(murmur2(Buffer.from(key)), reference(Buffer.from(key)));
    const message = { key, value: 'v' };
    t.is(ours({ topic: 't', partitionMetadata, message }), theirs({ topic: 't', partitionMetadata, message }));
  }
});

test('records without a key go round-robin over the partitions that have a leader', (t) => {
  const ours = fastDefaultPartitioner();
  const partitionMetadata = [0, 1, 2].map((partitionId) => ({ partitionId, leader: partitionId === 1 ? -1 : 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
  const seen = new Set(Array.from({ length: 20 }, () => ours({ topic: 't', partitionMetadata, message: { key: null, value: 'v' } })));
  t.deepEqual([...seen].sort(), [0, 2]);
});

test('avro values decode to the row with exact 64-bit longs; the Confluent frame is magic 0 + big-endian schema id', (t) => {
  const enc = avroValueEncoder(customerModel('customer'), CUSTOMER_COLUMNS);
  const type = avroTypeWithBigLongs(JSON.parse(enc.schemaJson));
  const row = customerRow(3, 14);
  const decoded = type.fromBuffer(enc.encode(row)) as Record<string, unknown>;
  t.is(decoded.account, row.account);
  t.is(decoded.email, row.email);
  t.is(enc.fingerprint, type.fingerprint('sha256').toString('hex'));
  const framed = confluentFrame(258, enc.encode(row));
  t.deepEqual([...framed.subarray(0, 5)], [0, 0, 0, 1, 2]);
  t.deepEqual(framed.subarray(5), enc.encode(row));
});
