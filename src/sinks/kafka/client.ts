/**
 * The Kafka client port of the sink: what sink.ts and topic.ts need from a client, so the client is one adapter
 * file (platformatic-client.ts, the default, chosen by `npm run bench -- kafka-clients`; kafkajs-client.ts with
 * KAFKA_CLIENT=kafkajs). Records arrive encoded; the adapter places keyed ones with the Java client's murmur2
 * partitioner (murmur2.ts) and unkeyed ones round-robin.
 */
import type { ConnectionOptions } from 'node:tls';

export const COMPRESSIONS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

/** One record: key (null: none), value (null: a tombstone), and headers shared by many records (adapters cache their encoding). */
export interface OutRecord {
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers: Readonly<Record<string, string>>;
}

/** How a client authenticates and encrypts (security-settings.ts, tls-material.ts); nothing set: PLAINTEXT. */
export interface KafkaSecurity {
  /** node:tls options (ca, pfx and passphrase, or cert and key): the connection is TLS when set. */
  tls?: ConnectionOptions;
  sasl?: { mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512'; username: string; password: string };
}

export interface ProducerSettings {
  brokers: string[];
  clientId: string;
  /** -1 (all in-sync replicas), 0 (none) or 1 (leader). */
  acks: -1 | 0 | 1;
  retries: number;
  compression: Compression;
  idempotent: boolean;
  security?: KafkaSecurity;
}

export interface RecordProducer {
  /** Connects and checks the topic is known to the cluster, so an unreachable broker fails here. */
  connect(topic: string): Promise<void>;
  /** Sends the records (one request per broker) and resolves once acknowledged as `acks` asks. */
  send(topic: string, records: OutRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface TopicAdmin {
  listTopics(): Promise<string[]>;
  deleteTopic(topic: string): Promise<void>;
  /** Creates the topic; one that exists already is no error. */
  createTopic(topic: string, partitions: number, replicationFactor: number): Promise<void>;
  /** Resolves when every partition's leader answers (ListOffsets); rejects with a retriable error before. */
  leadersReady(topic: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A client as the options name it: what validation needs to know, and the adapter itself loaded on first use (a
 * client library is 2-10 MB of heap in every generator thread, most of which never writes to Kafka).
 */
export interface KafkaClientChoice {
  readonly name: string;
  readonly compressions: readonly Compression[];
  readonly idempotence: boolean;
  load(): Promise<KafkaClientAdapter>;
}

export interface KafkaClientAdapter {
  readonly name: string;
  /** The codecs this client writes. */
  readonly compressions: readonly Compression[];
  readonly idempotence: boolean;
  admin(brokers: string[], clientId: string, retries: number, security?: KafkaSecurity): Promise<TopicAdmin>;
  producer(settings: ProducerSettings): RecordProducer;
  /** Whether the broker or network may answer otherwise if asked again (a new topic's leaders not ready yet). */
  retriable(err: unknown): boolean;
  /** Whether the broker refused the SASL credentials (or the client could not authenticate at all). */
  authenticationFailed(err: unknown): boolean;
}
