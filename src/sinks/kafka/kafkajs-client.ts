/**
 * The sink's Kafka client on kafkajs 2.2.4 (KAFKA_CLIENT=kafkajs): the client the sink used before
 * @platformatic/kafka measured faster (docs/kafka-hbase.md); unmaintained since 2023, kept as a fallback. Its
 * record encoder is replaced by fast-records.ts and its partitioner by murmur2.ts; without extra codecs it
 * writes gzip only and its idempotent producer is experimental, so neither is offered here.
 */
import { CompressionTypes, Kafka, logLevel, type Message, type SASLOptions } from 'kafkajs';
import type { KafkaClientAdapter, KafkaSecurity, ProducerSettings, RecordProducer, TopicAdmin } from './client.js';
import { anyInChain } from './error-chain.js';
import { installFastRecords } from './fast-records.js';
import { fastDefaultPartitioner } from './murmur2.js';

/** kafkajs names the mechanisms in lower case. */
function sasl(security: KafkaSecurity | undefined): { sasl?: SASLOptions } {
  const s = security?.sasl;
  if (!s) return {};
  const mechanism = s.mechanism.toLowerCase() as 'plain' | 'scram-sha-256' | 'scram-sha-512';
  return { sasl: { mechanism, username: s.username, password: s.password } as SASLOptions };
}

export function client(brokers: string[], clientId: string, retries: number, security?: KafkaSecurity): Kafka {
  return new Kafka({
    ...(security?.tls ? { ssl: security.tls } : {}),
    ...sasl(security),
    clientId,
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    retry: { retries, initialRetryTime: 200, maxRetryTime: 5_000 },
  });
}

function producer(s: ProducerSettings): RecordProducer {
  installFastRecords();
  const p = client(s.brokers, s.clientId, s.retries, s.security).producer({ allowAutoTopicCreation: false, createPartitioner: fastDefaultPartitioner, retry: { retries: s.retries } });
  const compression = s.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None;
  return {
    connect: () => p.connect(),
    async send(topic, records) {
      await p.send({ topic, acks: s.acks, compression, messages: records as Message[] });
    },
    close: () => p.disconnect(),
  };
}

async function admin(brokers: string[], clientId: string, retries: number, security?: KafkaSecurity): Promise<TopicAdmin> {
  const a = client(brokers, clientId, retries, security).admin();
  await a.connect();
  return {
    listTopics: () => a.listTopics(),
    deleteTopic: (topic) => a.deleteTopics({ topics: [topic], timeout: 30_000 }),
    async createTopic(topic, partitions, replicationFactor) {
      await a.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor }], waitForLeaders: true, timeout: 30_000 });
    },
    async leadersReady(topic) {
      await a.fetchTopicOffsets(topic);
    },
    close: () => a.disconnect(),
  };
}

function retriable(err: unknown): boolean {
  for (let e = err as { retriable?: boolean; cause?: unknown; originalError?: unknown } | undefined; e; e = (e.cause ?? e.originalError) as typeof e) {
    if (e.retriable === true) return true;
  }
  return false;
}

export const kafkajsClient: KafkaClientAdapter = {
  name: 'kafkajs',
  compressions: ['none', 'gzip'],
  idempotence: false,
  admin,
  producer,
  retriable,
  authenticationFailed: (err) => anyInChain(err, (e) => e.name === 'KafkaJSSASLAuthenticationError'),
};
