/**
 * `npm run bench -- kafka` (issue 15 item 2): the Kafka sink through the real service next to Kafka's own
 * kafka-producer-perf-test, in one run against one local broker (the test harness's, from Maven jars). Every case
 * writes into a fresh topic of 3 partitions with acks=all, no compression:
 * - our sink: the 10-field customer model (models/customers-usa.json, keyed by email) as json, csv and avro values,
 *   one command of BATCHES × ROWS through the API of a `datagen serve` with one generator actor, then with two
 *   (DATAGEN_WORKER_SLOTS); timed from submission to FINISHED, every record counted in the topic afterwards;
 * - kafka-producer-perf-test (org.apache.kafka.tools.ProducerPerformance, kafka-tools jars from Maven Central)
 *   sending as many unkeyed records of each format's mean value size, with linger.ms and batch.size like the sink's.
 * MB/s counts record values (what perf-test counts); our records also carry a key and two headers. The broker is
 * started here unless BENCH_KAFKA_BROKERS names a running one. BENCH_KAFKA_E2E_ROWS: rows per batch (100,000).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { CHUNK } from '../src/sinks/kafka/sink.js';
import { customerModel } from '../test/helpers/service-with-sink-server.js';
import { startServe, submit, waitForTerminal, type ServiceProcess } from '../test/helpers/service-process.js';
import { resolveJars } from '../test/helpers/services/java.js';
import { startKafka } from '../test/helpers/services/kafka.js';
import { readTopic, topicRecordCount } from '../test/helpers/services/kafka-read.js';
import { ProcessWatch } from './process-stats.js';
import { createBenchTopic } from './kafka-topic.js';
import type { BenchResult } from './types.js';

const ROWS = Number(process.env.BENCH_KAFKA_E2E_ROWS ?? 100_000);
const BATCHES = 10;
const RECORDS = ROWS * BATCHES;
const PARTITIONS = 3;
const LINGER_MS = 5; // the sink's default KAFKA_LINGER_MS
const FORMATS = ['json', 'csv', 'avro'] as const;
type Format = (typeof FORMATS)[number];
const SAMPLE = 2_000;

interface Figure {
  recordsPerSecond: number;
  mbPerSecond: number;
  note: string;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const createTopic = (brokers: string, topic: string) => createBenchTopic(brokers, topic, PARTITIONS);

/** Mean value bytes of a topic's records, from its first SAMPLE records. */
async function meanValueBytes(brokers: string, topic: string): Promise<number> {
  const sample = (await readTopic(brokers, topic, SAMPLE)).slice(0, SAMPLE);
  return sample.reduce((n, r) => n + r.value.length, 0) / sample.length;
}

/** One command of BATCHES × ROWS into a fresh topic, timed from submission to FINISHED; counted in the topic. */
async function sinkRun(svc: ServiceProcess, brokers: string, format: Format, actors: number): Promise<{ seconds: number; topic: string; cores: string }> {
  const topic = `bench-kafka-${format}-${actors}-${randomUUID().slice(0, 8)}`;
  const model = await customerModel({ KAFKA_TOPIC: topic }, { KAFKA_MESSAGE_TYPE: format, KAFKA_PARTITIONS_NUMBER: String(PARTITIONS), KAFKA_ACKS_CONFIG: 'all' });
  const watch = new ProcessWatch(new Map([[svc.child.pid!, 'serve']]));
  const t0 = performance.now();
  const res = await submit(svc.url, 'kafka', { rows: ROWS, batches: BATCHES, threads: 2 * actors }, { text: model });
  if (res.status !== 200) throw new Error(`kafka ${format}: ${JSON.stringify(res.body)}`);
  const status = await waitForTerminal(svc.url, res.body.commandUuid, 900_000);
  const seconds = (performance.now() - t0) / 1000;
  const processes = watch.stop();
  if (status.status !== 'FINISHED') throw new Error(`kafka ${format}: ${status.status} ${status.comment}`);
  const arrived = (await topicRecordCount(brokers, topic)).records;
  if (arrived !== RECORDS) throw new Error(`kafka ${format}: ${arrived} records in ${topic}, ${RECORDS} asked`);
  const cores = processes.filter((p) => p.cpuSeconds > 0.05).map((p) => `${p.name} ${p.cores.toFixed(2)}`).join(', ');
  return { seconds, topic, cores };
}

/** kafka-producer-perf-test's summary line: "N records sent, R records/sec (M MB/sec), ...". */
export function parsePerfTest(stdout: string): { records: number; recordsPerSecond: number; mbPerSecond: number } {
  // It prints a progress line every 5 s too; the summary is the last, the only one with percentiles.
  const m = stdout.match(/(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\).*50th/);
  if (!m) throw new Error(`no summary in kafka-producer-perf-test's output: ${stdout.slice(-2000)}`);
  return { records: Number(m[1]), recordsPerSecond: Number(m[2]), mbPerSecond: Number(m[3]) };
}

/** kafka-producer-perf-test with `recordSize`-byte values; batch.size about what one of the sink's sends puts per partition. */
async function perfTest(lib: string, brokers: string, recordSize: number): Promise<Figure> {
  const topic = `bench-perf-test-${randomUUID().slice(0, 8)}`;
  await createTopic(brokers, topic);
  const batchSize = Math.ceil((CHUNK * recordSize) / PARTITIONS / 16_384) * 16_384;
  const props = [`bootstrap.servers=${brokers}`, 'acks=all', `linger.ms=${LINGER_MS}`, `batch.size=${batchSize}`, 'compression.type=none'];
  const args = ['-Xmx512m', '-cp', path.join(lib, '*'), 'org.apache.kafka.tools.ProducerPerformance', '--topic', topic, '--num-records', String(RECORDS), '--record-size', String(recordSize), '--throughput', '-1', '--producer-props', ...props];
  const { stdout } = await promisify(execFile)('java', args, { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 });
  const r = parsePerfTest(stdout);
  if (r.records !== RECORDS) throw new Error(`kafka-producer-perf-test sent ${r.records} records, ${RECORDS} asked`);
  // perf-test's MB is 2^20 bytes; the figures here are 10^6.
  return { recordsPerSecond: r.recordsPerSecond, mbPerSecond: (r.recordsPerSecond * recordSize) / 1e6, note: `batch.size=${batchSize}, linger.ms=${LINGER_MS}` };
}

export async function benchKafka(): Promise<BenchResult[]> {
  const external = process.env.BENCH_KAFKA_BROKERS?.trim();
  const kafka = external ? undefined : await startKafka();
  const brokers = external ?? kafka!.brokers;
  const lib = await resolveJars('kafka-tools');
  const ours = new Map<string, Figure>();
  const valueBytes = new Map<Format, number>();
  try {
    for (const actors of [1, 2]) {
      const svc = await startServe({ env: { KAFKA_BROKERS: brokers, DATAGEN_WORKER_SLOTS: String(actors) } });
      try {
        await sinkRun(svc, brokers, 'json', actors); // warm-up: threads booted, producer code compiled
        for (const format of FORMATS) {
          const run = await sinkRun(svc, brokers, format, actors);
          if (!valueBytes.has(format)) valueBytes.set(format, await meanValueBytes(brokers, run.topic));
          const perSecond = RECORDS / run.seconds;
          ours.set(`${format} ${actors}`, { recordsPerSecond: perSecond, mbPerSecond: (perSecond * valueBytes.get(format)!) / 1e6, note: `${run.seconds.toFixed(1)} s, cores: ${run.cores}` });
          console.log(`  (${format}, ${actors} actor(s): ${fmt(perSecond)} records/s, ${run.seconds.toFixed(1)} s, cores: ${run.cores})`);
        }
      } finally {
        await svc.stop();
      }
    }
    const perf = new Map<Format, Figure>();
    for (const format of FORMATS) {
      perf.set(format, await perfTest(lib, brokers, Math.round(valueBytes.get(format)!)));
      console.log(`  (perf-test at ${format}'s size: ${fmt(perf.get(format)!.recordsPerSecond)} records/s)`);
    }

    const out: BenchResult[] = [];
    for (const format of FORMATS) {
      const size = Math.round(valueBytes.get(format)!);
      const p = perf.get(format)!;
      out.push({ name: `kafka-producer-perf-test, ${size} B values (${format}'s mean), acks=all`, value: p.recordsPerSecond, unit: 'records/s', note: `${p.mbPerSecond.toFixed(1)} MB/s, ${p.note}` });
      for (const actors of [1, 2]) {
        const o = ours.get(`${format} ${actors}`)!;
        const ratio = o.recordsPerSecond / p.recordsPerSecond;
        out.push({ name: `kafka sink via API, ${format} values (${size} B), ${actors} generator actor${actors > 1 ? 's' : ''}`, value: o.recordsPerSecond, unit: 'records/s', note: `${o.mbPerSecond.toFixed(1)} MB/s, ${ratio.toFixed(2)}× perf-test; ${o.note}` });
      }
    }
    out.push({ name: `records per case`, value: RECORDS, unit: 'records', note: `${BATCHES} batches × ${fmt(ROWS)} rows, ${PARTITIONS} partitions, acks=all, no compression` });
    return out;
  } finally {
    await kafka?.stop();
  }
}
