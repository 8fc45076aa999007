/** Reading a topic back in tests: exact record counts from offsets, and every record through a real consumer. */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Admin } from '@platformatic/kafka';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { resolveJars } from './java.js';

export interface ReadRecord {
  partition: number;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
  /** The record's timestamp (epoch ms): its producer's send time, the topics here keeping CreateTime. */
  timestamp?: number;
  /** The value is null (a tombstone); `value` is then empty. */
  tombstone?: true;
}

function client(brokers: string): Kafka {
  return new Kafka({ clientId: 'datagen-test-reader', brokers: [brokers], logLevel: logLevel.NOTHING });
}

/** Records in the topic, from its partitions' offsets (high - low watermarks). */
export async function topicRecordCount(brokers: string, topic: string): Promise<{ records: number; partitions: number }> {
  const admin = client(brokers).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return { records: offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0), partitions: offsets.length };
  } finally {
    await admin.disconnect();
  }
}

/** Consumes the topic from the beginning until `expected` records have arrived. */
export async function readTopic(brokers: string, topic: string, expected: number): Promise<ReadRecord[]> {
  const consumer = client(brokers).consumer({ groupId: `test-${randomUUID()}` });
  const out: ReadRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${out.length} of ${expected} records from ${topic} in 90s`)), 90_000);
      consumer
        .run({
          eachBatch: async ({ batch }) => {
            for (const m of batch.messages) out.push(toRecord(batch.partition, m));
            if (out.length >= expected) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return out;
}

function toRecord(partition: number, m: KafkaMessage): ReadRecord {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) headers[k] = String(v);
  return { partition, key: m.key ? m.key.toString() : null, value: m.value ?? Buffer.alloc(0), headers, timestamp: Number(m.timestamp), ...(m.value === null ? { tombstone: true as const } : {}) };
}

const JAVA_READER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'java', 'KafkaTopicReader.java');

/**
 * Every record of `topics` read by the Java client (KafkaTopicReader.java, on the broker's own jars): it decodes
 * every codec (gzip, snappy, lz4, zstd), which kafkajs does not, and is the client whose partitioning keys must match.
 */
export async function readTopicsWithJava(brokers: string, topics: string[], expected: number): Promise<(ReadRecord & { topic: string })[]> {
  const lib = await resolveJars('kafka');
  // Run as a single source file (compiled in memory): no class directory that test files running at once would share.
  const { stdout } = await promisify(execFile)('java', ['-Xmx256m', '-cp', path.join(lib, '*'), JAVA_READER, brokers, String(expected), '90000', ...topics], {
    maxBuffer: 512 * 1024 * 1024,
    timeout: 180_000,
  });
  const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
  return stdout
    .split('\n')
    .filter((line) => line.includes('\t'))
    .map((line) => {
      const [topic, partition, key, value, headers] = line.split('\t');
      return {
        topic: text(topic!),
        partition: Number(partition),
        key: key === '-' ? null : text(key!),
        value: Buffer.from(value!, 'base64'),
        headers: Object.fromEntries((headers ?? '').split(',').filter(Boolean).map((h) => h.split(':').map(text) as [string, string])),
      };
    });
}

/** Bytes the broker holds for the topic (every partition's log size), which shows whether its batches are compressed. */
export async function topicLogBytes(brokers: string, topic: string, partitions: number): Promise<number> {
  const admin = new Admin({ clientId: 'datagen-test-reader', bootstrapBrokers: [brokers] });
  try {
    const dirs = await admin.describeLogDirs({ topics: [{ name: topic, partitions: Array.from({ length: partitions }, (_, i) => i) }] });
    let bytes = 0;
    for (const broker of dirs) for (const dir of broker.results) for (const t of dir.topics) if (t.name === topic) for (const p of t.partitions) bytes += Number(p.partitionSize);
    return bytes;
  } finally {
    await admin.close();
  }
}
