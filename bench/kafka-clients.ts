/**
 * Kafka clients side by side (issue 15 item 1): the same pre-encoded records (the 10-field customer model's JSON
 * rows with the sink's two headers, keyed by id and unkeyed) sent to the same local broker by each candidate
 * client in one run, into a fresh 3-partition topic per case, with acks=all and acks=1. Each client sends in
 * chunks of CHUNK records with WINDOW chunks in flight (what the sink does), timed until every chunk is
 * acknowledged; records/s and MB/s (key + value bytes) per case. The broker is started by the test harness unless
 * BENCH_KAFKA_BROKERS names a running one. Standalone: `node --import tsx bench/kafka-clients.ts`
 * (BENCH_KAFKA_CLIENT_RECORDS: records per case).
 *
 * Candidates: kafkajs 2.2.4 as the sink used it (its record encoder replaced by fast-records.ts, the murmur2
 * partitioner of murmur2.ts), @platformatic/kafka (pure JavaScript) and kafka-crab-js (librdkafka through
 * NAPI-RS, its binary shipped in an npm package).
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Kafka, logLevel, type Message as KafkajsMessage } from 'kafkajs';
import { Producer as PlatformaticProducer } from '@platformatic/kafka';
import { installFastRecords } from '../src/sinks/kafka/fast-records.js';
import { fastDefaultPartitioner, javaKeyHash } from '../src/sinks/kafka/murmur2.js';
import type { KafkaSinkOptions } from '../src/sinks/kafka/options.js';
import { createTopic as createSinkTopic } from '../src/sinks/kafka/topic.js';
import { jsonValueEncoder } from '../src/sinks/kafka/record-encoder.js';
import { CUSTOMER_COLUMNS, customerRows } from '../test/helpers/services/fixtures.js';
import { startKafka } from '../test/helpers/services/kafka.js';
import type { BenchResult } from './types.js';

const RECORDS = Number(process.env.BENCH_KAFKA_CLIENT_RECORDS ?? 200_000);
const CHUNK = 1_000;
const WINDOW = 8;
const PARTITIONS = 3;

interface Records {
  keys: Buffer[];
  values: Buffer[];
  headers: { commandUuid: Buffer; batch: Buffer };
  bytes: number;
}

function records(count: number): Records {
  const encode = jsonValueEncoder(CUSTOMER_COLUMNS);
  const keys: Buffer[] = [];
  const values: Buffer[] = [];
  let bytes = 0;
  for (let b = 0; keys.length < count; b++) {
    for (const row of customerRows(b, Math.min(10_000, count - keys.length))) {
      keys.push(Buffer.from(String(row.id)));
      values.push(Buffer.from(encode(row) as string));
      bytes += keys.at(-1)!.length + values.at(-1)!.length;
    }
  }
  return { keys, values, headers: { commandUuid: Buffer.from(randomUUID()), batch: Buffer.from('0') }, bytes };
}

/** One client: connect, send `count` records (keyed or not) to `topic` with the given acks, close. */
interface Candidate {
  name: string;
  run(brokers: string, topic: string, recs: Records, keyed: boolean, acks: -1 | 1): Promise<number>;
}

/** Sends chunks [0, n) with WINDOW in flight; returns the nanoseconds from the first send to the last ack. */
async function windowed(total: number, sendChunk: (from: number, to: number) => Promise<unknown>): Promise<number> {
  const inFlight: Promise<unknown>[] = [];
  const t0 = process.hrtime.bigint();
  for (let from = 0; from < total; from += CHUNK) {
    inFlight.push(sendChunk(from, Math.min(total, from + CHUNK)));
    if (inFlight.length >= WINDOW) await inFlight.shift();
  }
  await Promise.all(inFlight);
  return Number(process.hrtime.bigint() - t0);
}

const kafkajsCandidate: Candidate = {
  name: 'kafkajs 2.2.4 (+ fast record encoder)',
  async run(brokers, topic, recs, keyed, acks) {
    installFastRecords();
    const producer = new Kafka({ clientId: 'bench-kafkajs', brokers: [brokers], logLevel: logLevel.NOTHING }).producer({
      allowAutoTopicCreation: false,
      createPartitioner: fastDefaultPartitioner,
    });
    await producer.connect();
    const headers = { commandUuid: recs.headers.commandUuid, batch: recs.headers.batch };
    const warm = [{ key: recs.keys[0]!, value: recs.values[0]!, headers }];
    await producer.send({ topic, acks, messages: warm });
    try {
      return await windowed(recs.values.length, (from, to) => {
        const messages: KafkajsMessage[] = [];
        for (let i = from; i < to; i++) messages.push({ key: keyed ? recs.keys[i]! : null, value: recs.values[i]!, headers });
        return producer.send({ topic, acks, messages });
      });
    } finally {
      await producer.disconnect();
    }
  },
};

const platformaticCandidate: Candidate = {
  name: '@platformatic/kafka 2.12.1',
  async run(brokers, topic, recs, keyed, acks) {
    let next = 0;
    const producer = new PlatformaticProducer({
      clientId: 'bench-platformatic',
      bootstrapBrokers: [brokers],
      acks,
      // The Java client's placement (its own default partitioner does murmur2 >>> 0, not & 0x7fffffff); the
      // client takes the result modulo the partition count. Unkeyed: round-robin.
      partitioner: (_message, key) => (key ? javaKeyHash(key) : (next = (next + 1) & 0x7fffffff)),
    });
    const headers = new Map([
      [Buffer.from('commandUuid'), recs.headers.commandUuid],
      [Buffer.from('batch'), recs.headers.batch],
    ]);
    await producer.send({ messages: [{ topic, key: recs.keys[0]!, value: recs.values[0]!, headers }] });
    try {
      return await windowed(recs.values.length, (from, to) => {
        const messages = [];
        for (let i = from; i < to; i++) messages.push({ topic, key: keyed ? recs.keys[i]! : undefined, value: recs.values[i]!, headers });
        return producer.send({ messages });
      });
    } finally {
      await producer.close();
    }
  },
};

const crabCandidate: Candidate = {
  name: 'kafka-crab-js 5.0.0 (librdkafka)',
  async run(brokers, topic, recs, keyed, acks) {
    const { KafkaClient } = await import('kafka-crab-js');
    const client = new KafkaClient({ brokers, clientId: 'bench-crab', logLevel: 'error' });
    const producer = client.createProducer({
      configuration: { acks: acks === -1 ? 'all' : '1', partitioner: 'murmur2_random', 'linger.ms': 5, 'enable.idempotence': false },
    });
    const headers = { commandUuid: recs.headers.commandUuid, batch: recs.headers.batch };
    await producer.send({ topic, messages: [{ key: recs.keys[0]!, payload: recs.values[0]!, headers }] });
    return windowed(recs.values.length, (from, to) => {
      const messages = [];
      for (let i = from; i < to; i++) messages.push({ ...(keyed ? { key: recs.keys[i]! } : {}), payload: recs.values[i]!, headers });
      return producer.send({ topic, messages });
    });
  },
};

async function createTopic(brokers: string, topic: string): Promise<void> {
  const admin = new Kafka({ clientId: 'bench-admin', brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await createSinkTopic(admin, { topic, partitions: PARTITIONS, replicationFactor: 1, deletePrevious: false } as KafkaSinkOptions);
  } finally {
    await admin.disconnect();
  }
}

async function topicRecords(brokers: string, topic: string): Promise<number> {
  const admin = new Kafka({ clientId: 'bench-admin', brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((n, o) => n + Number(o.high) - Number(o.low), 0);
  } finally {
    await admin.disconnect();
  }
}

export async function benchKafkaClients(): Promise<BenchResult[]> {
  const external = process.env.BENCH_KAFKA_BROKERS?.trim();
  const kafka = external ? undefined : await startKafka();
  const brokers = external ?? kafka!.brokers;
  const results: BenchResult[] = [];
  try {
    const recs = records(RECORDS);
    const mb = recs.bytes / 1e6;
    for (const acks of [-1, 1] as const) {
      for (const keyed of [true, false]) {
        // Candidates alternate within each case, so a load change on the shared machine hits all of them alike.
        for (const c of [kafkajsCandidate, platformaticCandidate, crabCandidate]) {
          const topic = `bench-clients-${randomUUID().slice(0, 8)}`;
          await createTopic(brokers, topic);
          const ns = await c.run(brokers, topic, recs, keyed, acks);
          const arrived = await topicRecords(brokers, topic);
          if (arrived !== RECORDS + 1) throw new Error(`${c.name}: ${arrived} records in ${topic}, expected ${RECORDS + 1}`);
          const s = ns / 1e9;
          results.push({
            name: `${c.name}, ${keyed ? 'keyed' : 'unkeyed'}, acks=${acks === -1 ? 'all' : '1'}`,
            value: RECORDS / s,
            unit: 'records/s',
            note: `${(mb / s).toFixed(1)} MB/s; ${RECORDS.toLocaleString('en-US')} json records of ${Math.round(recs.bytes / RECORDS)} B, ${PARTITIONS} partitions`,
          });
        }
      }
    }
  } finally {
    await kafka?.stop();
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchKafkaClients()) console.log(`${r.name.padEnd(60)} ${Math.round(r.value).toLocaleString('en-US').padStart(10)} ${r.unit}  (${r.note})`);
  process.exit(0);
}
