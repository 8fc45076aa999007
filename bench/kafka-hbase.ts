/**
 * Kafka and HBase sink figures: records/s into a real single-node Kafka and rows/s into a real standalone HBase
 * (REST gateway), from one writer, for a 10-field customer-like model. Rows are built before timing, so the
 * figures are the sink's (encode + send + acknowledgement), not the generator's. Services are started by the
 * test harness (Java + Maven needed) unless BENCH_KAFKA_BROKERS / BENCH_HBASE_REST_URL point at running ones.
 * Standalone: `node --import tsx bench/kafka-hbase.ts` (BENCH_KAFKA_ROWS, BENCH_HBASE_ROWS: rows per batch).
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Row } from '../src/model/types.js';
import { hbaseSink } from '../src/sinks/hbase/sink.js';
import { kafkaSink } from '../src/sinks/kafka/sink.js';
import type { Sink, SinkContext } from '../src/sinks/types.js';
import { customerModel, customerRows, sinkCtx } from '../test/helpers/services/fixtures.js';
import { startHBase } from '../test/helpers/services/hbase.js';
import { startKafka } from '../test/helpers/services/kafka.js';
import type { BenchResult } from './types.js';

const KAFKA_ROWS = Number(process.env.BENCH_KAFKA_ROWS ?? 50_000);
const KAFKA_BATCHES = 8;
const HBASE_ROWS = Number(process.env.BENCH_HBASE_ROWS ?? 20_000);
const HBASE_BATCHES = 5;

/** prepare + open untimed; then every batch written and acknowledged, timed; rows per second. */
async function rate(sink: Sink, ctx: SinkContext, batches: Row[][]): Promise<number> {
  sink.validate(ctx);
  await sink.prepare(ctx);
  const writer = await sink.open(ctx);
  try {
    await writer.write(batches.length, batches[0]!.slice(0, 100)); // connects and warms up (its own batch number)
    const start = process.hrtime.bigint();
    for (let b = 0; b < batches.length; b++) await writer.write(b, batches[b]!);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return batches.reduce((n, rows) => n + rows.length, 0) / seconds;
  } finally {
    await writer.close();
  }
}

const rowsOf = (batches: number, rows: number) => Array.from({ length: batches }, (_, b) => customerRows(b, rows));

async function kafkaFigures(brokers: string): Promise<BenchResult[]> {
  const batches = rowsOf(KAFKA_BATCHES, KAFKA_ROWS);
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
    results.push({
      name: `kafka sink, ${label} values, keyed, acks=all, 3 partitions, one writer`,
      value: await rate(kafkaSink, ctx, batches),
      unit: 'records/s',
      note: `${KAFKA_BATCHES} batches x ${KAFKA_ROWS.toLocaleString('en-US')} rows, 10 fields`,
    });
  }
  return results;
}

async function hbaseFigures(restUrl: string): Promise<BenchResult[]> {
  const batches = rowsOf(HBASE_BATCHES, HBASE_ROWS);
  const table = `bench_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  const ctx = sinkCtx(
    customerModel('customer', { HBASE_TABLE_NAME: table }, { HBASE_PRIMARY_KEY: 'id', HBASE_COLUMN_FAMILIES_MAPPING: 'info:name,email;stats:age,balance' }),
    { HBASE_REST_URL: restUrl },
    HBASE_ROWS,
    HBASE_BATCHES,
    randomUUID(),
  );
  return [
    {
      name: 'hbase sink, REST multi-row put, 3 families, one writer',
      value: await rate(hbaseSink, ctx, batches),
      unit: 'rows/s',
      note: `${HBASE_BATCHES} batches x ${HBASE_ROWS.toLocaleString('en-US')} rows, 10 cells each`,
    },
  ];
}

export async function benchKafkaHbase(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const kafka = process.env.BENCH_KAFKA_BROKERS ? undefined : await startKafka();
  try {
    results.push(...(await kafkaFigures(process.env.BENCH_KAFKA_BROKERS ?? kafka!.brokers)));
  } finally {
    await kafka?.stop();
  }
  const hbase = process.env.BENCH_HBASE_REST_URL ? undefined : await startHBase();
  try {
    results.push(...(await hbaseFigures(process.env.BENCH_HBASE_REST_URL ?? hbase!.restUrl)));
  } finally {
    await hbase?.stop();
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchKafkaHbase()) console.log(`${r.name.padEnd(72)} ${Math.round(r.value).toLocaleString('en-US').padStart(10)} ${r.unit}  (${r.note})`);
  process.exit(0);
}
