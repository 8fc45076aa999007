/**
 * Kafka and HBase sink figures: records/s into a real single-node Kafka and rows/s into a real standalone HBase
 * (REST gateway), from one writer, for a 10-field customer-like model. Each batch's rows are built before its
 * write is timed, so the figures are the sink's (encode + send + acknowledgement), not the generator's. Services are started by the
 * test harness (Java + Maven needed) unless BENCH_KAFKA_BROKERS / BENCH_HBASE_REST_URL point at running ones.
 * Standalone: `node --import tsx bench/kafka-hbase.ts` (BENCH_KAFKA_ROWS, BENCH_HBASE_ROWS: rows per batch;
 * BENCH_ONLY=kafka|hbase for one of them).
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { benchSettings } from '../src/config.js';
import { hbaseSink } from '../src/sinks/hbase/sink.js';
import { kafkaSink } from '../src/sinks/kafka/sink.js';
import type { Sink, SinkContext } from '../src/sinks/types.js';
import { customerModel, customerRows, sinkCtx } from '../test/helpers/services/fixtures.js';
import { startHBase } from '../test/helpers/services/hbase.js';
import { startKafka } from '../test/helpers/services/kafka.js';
import type { BenchResult } from './types.js';
import { writeBatch } from '../src/sinks/write-batch.js';

const KAFKA_ROWS = benchSettings().kafkaRows;
const KAFKA_BATCHES = 8;
const HBASE_ROWS = benchSettings().hbaseRows;
const HBASE_BATCHES = 5;

interface Rate {
  /** Rows per wall-clock second of write() calls. */
  wall: number;
  /** Rows per second of this process's CPU time during write() calls: steadier on a shared machine. */
  cpu: number;
}

/**
 * prepare + open untimed; then each batch built (untimed, as a worker would generate it) and written until
 * acknowledged (timed). Rows are built per batch, not all up front, so the heap holds what a worker's would.
 */
async function rate(sink: Sink, ctx: SinkContext, batches: number, rowsPerBatch: number): Promise<Rate> {
  sink.validate(ctx);
  await sink.prepare(ctx);
  const writer = await sink.open(ctx);
  try {
    await writeBatch(writer, batches, customerRows(batches, 100)); // connects and warms up (its own batch number)
    let ns = 0n;
    let cpuUs = 0;
    for (let b = 0; b < batches; b++) {
      const rows = customerRows(b, rowsPerBatch);
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      await writeBatch(writer, b, rows);
      ns += process.hrtime.bigint() - t0;
      const cpu = process.cpuUsage(cpu0);
      cpuUs += cpu.user + cpu.system;
    }
    const total = batches * rowsPerBatch;
    return { wall: total / (Number(ns) / 1e9), cpu: total / (cpuUs / 1e6) };
  } finally {
    await writer.close();
  }
}

async function kafkaFigures(brokers: string): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const variants: [string, Record<string, string>][] = [
    ['json', { KAFKA_MESSAGE_TYPE: 'json', KAFKA_MSG_KEY: 'id' }],
    ['csv', { KAFKA_MESSAGE_TYPE: 'csv', KAFKA_MSG_KEY: 'id' }],
    ['avro', { KAFKA_MESSAGE_TYPE: 'avro', KAFKA_MSG_KEY: 'id' }],
    ['json, gzip', { KAFKA_MESSAGE_TYPE: 'json', KAFKA_MSG_KEY: 'id', KAFKA_COMPRESSION: 'gzip' }],
  ];
  for (const [label, options] of variants) {
    const topic = `bench-${label.replace(/\W+/g, '-')}-${randomUUID().slice(0, 8)}`;
    const ctx = sinkCtx(customerModel('customer', { KAFKA_TOPIC: topic }, options), { KAFKA_BROKERS: brokers }, KAFKA_ROWS, KAFKA_BATCHES, randomUUID());
    const r = await rate(kafkaSink, ctx, KAFKA_BATCHES, KAFKA_ROWS);
    results.push({
      name: `kafka sink, ${label} values, keyed, acks=all, 3 partitions, one writer`,
      value: r.wall,
      unit: 'records/s',
      note: `${KAFKA_BATCHES} batches x ${KAFKA_ROWS.toLocaleString('en-US')} rows, 10 fields; ${Math.round(r.cpu).toLocaleString('en-US')} records per CPU-second of the writer`,
    });
  }
  return results;
}

async function hbaseFigures(restUrl: string): Promise<BenchResult[]> {
  const table = `bench_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  const ctx = sinkCtx(
    customerModel('customer', { HBASE_TABLE_NAME: table }, { HBASE_PRIMARY_KEY: 'id', HBASE_COLUMN_FAMILIES_MAPPING: 'info:name,email;stats:age,balance' }),
    { HBASE_REST_URL: restUrl },
    HBASE_ROWS,
    HBASE_BATCHES,
    randomUUID(),
  );
  const r = await rate(hbaseSink, ctx, HBASE_BATCHES, HBASE_ROWS);
  return [
    {
      name: 'hbase sink, REST multi-row put (protobuf), 3 families, one writer',
      value: r.wall,
      unit: 'rows/s',
      note: `${HBASE_BATCHES} batches x ${HBASE_ROWS.toLocaleString('en-US')} rows, 10 cells each; ${Math.round(r.cpu).toLocaleString('en-US')} rows per CPU-second of the writer`,
    },
  ];
}

export async function benchKafkaHbase(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const { only, kafkaBrokers, hbaseRestUrl } = benchSettings();
  if (only !== 'hbase') {
    const kafka = kafkaBrokers ? undefined : await startKafka();
    try {
      results.push(...(await kafkaFigures(kafkaBrokers ?? kafka!.brokers)));
    } finally {
      await kafka?.stop();
    }
  }
  if (only === 'kafka') return results;
  const hbase = hbaseRestUrl ? undefined : await startHBase();
  try {
    results.push(...(await hbaseFigures(hbaseRestUrl ?? hbase!.restUrl)));
  } finally {
    await hbase?.stop();
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchKafkaHbase()) console.log(`${r.name.padEnd(72)} ${Math.round(r.value).toLocaleString('en-US').padStart(10)} ${r.unit}  (${r.note})`);
  process.exit(0);
}
