/** Reading a topic back in tests: exact record counts from offsets, and every record through a real consumer. */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';

export interface ReadRecord {
  partition: number;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
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
  return { partition, key: m.key ? m.key.toString() : null, value: m.value ?? Buffer.alloc(0), headers };
}
