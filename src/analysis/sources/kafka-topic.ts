/**
 * A Kafka topic to analyse, on the brokers the service's KAFKA_* settings name (TLS and SASL included): its last
 * records, the same share from each partition (the newest `limit` ÷ partitions of each). A JSON object value is a
 * record of its keys (the sink's default message type); any other value is one column "value" with its text, and
 * the key, when there is one, a column "key".
 */
import { randomUUID } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';
import { NotFoundError } from '../../errors.js';
import { client } from '../../sinks/kafka/kafkajs-client.js';
import { kafkaOptions, kafkaSecurity } from '../../sinks/kafka/options.js';
import { kafkaSink } from '../../sinks/kafka/sink.js';
import type { SinkSettings } from '../../sinks/types.js';
import type { RecordSource } from '../record-source.js';
import { readFailure, tableContext } from './sql-table.js';

/** How long reading the records may take once their offsets are known. */
const READ_TIMEOUT_MS = 60_000;

interface Span {
  partition: number;
  start: bigint;
  /** The partition's end (high watermark): the records before it are read. */
  end: bigint;
}

/** The newest ⌈limit ÷ partitions⌉ records of each partition (fewer where it holds fewer). */
export function lastRecords(offsets: Array<{ partition: number; low: string; high: string }>, limit: number): Span[] {
  const each = BigInt(Math.ceil(limit / Math.max(1, offsets.length)));
  return offsets
    .map((o) => {
      const [low, end] = [BigInt(o.low), BigInt(o.high)];
      return { partition: o.partition, start: end - each > low ? end - each : low, end };
    })
    .filter((s) => s.end > s.start);
}

export function messageRecord(m: KafkaMessage): Record<string, unknown> {
  const text = m.value?.toString('utf8') ?? null;
  if (text?.startsWith('{')) {
    try {
      const value = JSON.parse(text) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // not JSON after all: the text itself
    }
  }
  return { ...(m.key ? { key: m.key.toString('utf8') } : {}), value: text };
}

export function kafkaTopicSource(settings: SinkSettings, topic: string): RecordSource {
  return {
    name: topic,
    open: async (limit) => {
      const ctx = tableContext(settings, topic, { KAFKA_TOPIC: topic });
      kafkaSink.validate(ctx);
      const o = kafkaOptions(ctx);
      const where = `kafka ${o.brokers.join(',')} topic ${o.topic}`;
      const kafka = client(o.brokers, 'datagen-analysis', 2, kafkaSecurity(o.security));
      let spans: Span[];
      const admin = kafka.admin();
      try {
        await admin.connect();
        if (!(await admin.listTopics()).includes(o.topic)) throw new NotFoundError(`${where}: there is no such topic`, { topic: o.topic });
        spans = lastRecords(await admin.fetchTopicOffsets(o.topic), limit);
      } catch (err) {
        if (err instanceof NotFoundError) throw err;
        throw readFailure(where, 'reading the topic\'s offsets', err);
      } finally {
        await admin.disconnect().catch(() => {});
      }
      const records = spans.length ? await consume(kafka, o.topic, spans, limit).catch((err) => Promise.reject(readFailure(where, 'reading records', err))) : [];
      return { records: (async function* () { yield* records; })() };
    },
  };
}

/** The records of `spans`, read by a consumer of a group of its own that seeks each partition to its span's start. */
async function consume(kafka: ReturnType<typeof client>, topic: string, spans: Span[], limit: number): Promise<Record<string, unknown>[]> {
  const consumer = kafka.consumer({ groupId: `datagen-analysis-${randomUUID()}`, allowAutoTopicCreation: false });
  const out: Record<string, unknown>[] = [];
  const left = new Map(spans.map((s) => [s.partition, s]));
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${out.length} records in ${READ_TIMEOUT_MS / 1000} s`)), READ_TIMEOUT_MS);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const span = left.get(batch.partition);
            if (!span) return;
            for (const m of batch.messages) {
              const offset = BigInt(m.offset);
              if (offset < span.start || offset >= span.end) continue;
              if (out.length < limit) out.push(messageRecord(m));
              if (offset === span.end - 1n) left.delete(batch.partition);
            }
            if (left.size === 0) done();
          },
        })
        .catch(reject);
      for (const s of spans) consumer.seek({ topic, partition: s.partition, offset: s.start.toString() });
    });
  } finally {
    await consumer.disconnect().catch(() => {});
  }
  return out;
}
