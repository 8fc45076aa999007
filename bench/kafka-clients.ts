/**
 * Kafka clients side by side (issue 15 item 1): the same pre-encoded records (the 10-field customer model's JSON
 * rows with the sink's two headers, keyed by id and unkeyed) sent to the same local broker by each candidate
 * client in one run, into a fresh 3-partition topic per case, with acks=all and acks=1. Each client sends in
 * chunks of CHUNK records with WINDOW chunks in flight (what the sink does), timed until every chunk is
 * acknowledged; records/s and MB/s (key + value bytes) per case. The broker is started by the test harness unless
 * BENCH_KAFKA_BROKERS names a running one. Standalone: `node --import tsx bench/kafka-clients.ts`
 * (BENCH_KAFKA_CLIENT_RECORDS: records per case).
 *
 * Candidates: kafkajs 2.2.4 and @platformatic/kafka (pure JavaScript) through the sink's own client adapters
 * (src/sinks/kafka/kafkajs-client.ts, platformatic-client.ts: the code the sink runs), and kafka-crab-js
 * (librdkafka through NAPI-RS, its binary shipped in an npm package) with librdkafka's murmur2 partitioner.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { KafkaClientAdapter, OutRecord } from '../src/sinks/kafka/client.js';
import { kafkajsClient } from '../src/sinks/kafka/kafkajs-client.js';
import { platformaticClient } from '../src/sinks/kafka/platformatic-client.js';
import { jsonValueEncoder } from '../src/sinks/kafka/record-encoder.js';
import { CUSTOMER_COLUMNS, customerRows } from '../test/helpers/services/fixtures.js';
import { startKafka } from '../test/helpers/services/kafka.js';
import { topicRecordCount } from '../test/helpers/services/kafka-read.js';
import { createBenchTopic } from './kafka-topic.js';
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
  run(brokers: string, topic: string, recs: Records, keyed: boolean, acks: -1 | 1): Promise<Timing>;
}

/** Wall and CPU time (this process, all its threads) of a run of sends. */
interface Timing {
  ns: number;
  cpuUs: number;
}

/** Sends chunks [0, n) with WINDOW in flight; times from the first send to the last ack. */
async function windowed(total: number, sendChunk: (from: number, to: number) => Promise<unknown>): Promise<Timing> {
  const inFlight: Promise<unknown>[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let from = 0; from < total; from += CHUNK) {
    inFlight.push(sendChunk(from, Math.min(total, from + CHUNK)));
    if (inFlight.length >= WINDOW) await inFlight.shift();
  }
  await Promise.all(inFlight);
  const cpu = process.cpuUsage(cpu0);
  return { ns: Number(process.hrtime.bigint() - t0), cpuUs: cpu.user + cpu.system };
}

/** A client as the sink drives it: through its adapter (src/sinks/kafka/client.ts). */
function adapterCandidate(name: string, client: KafkaClientAdapter): Candidate {
  return {
    name,
    async run(brokers, topic, recs, keyed, acks) {
      const producer = client.producer({ brokers: [brokers], clientId: 'bench-clients', acks, retries: 3, compression: 'none', idempotent: false });
      await producer.connect(topic);
      const headers = { commandUuid: recs.headers.commandUuid.toString(), batch: recs.headers.batch.toString() };
      await producer.send(topic, [{ key: recs.keys[0]!, value: recs.values[0]!, headers }]);
      try {
        return await windowed(recs.values.length, (from, to) => {
          const records: OutRecord[] = [];
          for (let i = from; i < to; i++) records.push({ key: keyed ? recs.keys[i]! : null, value: recs.values[i]!, headers });
          return producer.send(topic, records);
        });
      } finally {
        await producer.close();
      }
    },
  };
}

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

const createTopic = (brokers: string, topic: string) => createBenchTopic(brokers, topic, PARTITIONS);

const candidates = [
  adapterCandidate('kafkajs 2.2.4 (+ fast record encoder)', kafkajsClient),
  adapterCandidate('@platformatic/kafka 2.12.1', platformaticClient),
  crabCandidate,
];

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
        for (const c of candidates) {
          const topic = `bench-clients-${randomUUID().slice(0, 8)}`;
          await createTopic(brokers, topic);
          const { ns, cpuUs } = await c.run(brokers, topic, recs, keyed, acks);
          const arrived = (await topicRecordCount(brokers, topic)).records;
          if (arrived !== RECORDS + 1) throw new Error(`${c.name}: ${arrived} records in ${topic}, expected ${RECORDS + 1}`);
          const s = ns / 1e9;
          results.push({
            name: `${c.name}, ${keyed ? 'keyed' : 'unkeyed'}, acks=${acks === -1 ? 'all' : '1'}`,
            value: RECORDS / s,
            unit: 'records/s',
            note: `${(mb / s).toFixed(1)} MB/s, ${Math.round(RECORDS / (cpuUs / 1e6)).toLocaleString('en-US')} records per CPU-second of the client; ${RECORDS.toLocaleString('en-US')} json records of ${Math.round(recs.bytes / RECORDS)} B, ${PARTITIONS} partitions`,
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
