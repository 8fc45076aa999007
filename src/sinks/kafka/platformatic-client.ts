/**
 * The sink's Kafka client on @platformatic/kafka (pure JavaScript, maintained): the fastest of the candidates
 * measured by `npm run bench -- kafka-clients` (docs/kafka-hbase.md). It builds one record batch per partition and
 * one produce request per broker for each send, with the codec asked for (gzip and zstd from node:zlib, snappy
 * and lz4 in WebAssembly), and an idempotent producer when asked.
 */
import { Admin, Producer, findErrorBy, type MessageToProduce } from '@platformatic/kafka';
import { COMPRESSIONS, type KafkaClientAdapter, type KafkaSecurity, type OutRecord, type ProducerSettings, type RecordProducer, type TopicAdmin } from './client.js';
import { anyInChain } from './error-chain.js';
import { javaKeyHash } from './murmur2.js';

const CONNECT_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;

/** Backoff between attempts of one request: 200 ms doubling up to 5 s. */
const retryDelay = (_client: unknown, _op: string, attempt: number) => Math.min(5_000, 200 * 2 ** Math.max(0, attempt - 1));

type Headers = Map<Buffer, Buffer>;
const headerCache = new WeakMap<Readonly<Record<string, string>>, Headers>();

function encodedHeaders(headers: Readonly<Record<string, string>>): Headers {
  let out = headerCache.get(headers);
  if (!out) {
    out = new Map(Object.entries(headers).map(([k, v]) => [Buffer.from(k), Buffer.from(v)]));
    headerCache.set(headers, out);
  }
  return out;
}

/** The client's connection options for TLS and SASL (none for PLAINTEXT). */
function securityOptions(security: KafkaSecurity | undefined): { tls?: KafkaSecurity['tls']; sasl?: KafkaSecurity['sasl'] } {
  return { ...(security?.tls ? { tls: security.tls } : {}), ...(security?.sasl ? { sasl: { ...security.sasl } } : {}) };
}

const asBuffer = (v: Buffer | string) => (typeof v === 'string' ? Buffer.from(v) : v);

function producer(s: ProducerSettings): RecordProducer {
  let next = Math.floor(Math.random() * 0x7fffffff);
  const client = new Producer<Buffer, Buffer, Buffer, Buffer>({
    clientId: s.clientId,
    bootstrapBrokers: s.brokers,
    connectTimeout: CONNECT_TIMEOUT_MS,
    timeout: REQUEST_TIMEOUT_MS,
    retries: s.retries,
    retryDelay,
    acks: s.acks,
    compression: s.compression,
    idempotent: s.idempotent,
    autocreateTopics: false,
    // The client takes the result modulo the partition count: the Java client's toPositive(murmur2(key)) % n for
    // keyed records (its own default does murmur2 >>> 0, which differs for negative hashes); round-robin otherwise.
    partitioner: (_message, key) => (key ? javaKeyHash(key) : (next = (next + 1) & 0x7fffffff)),
    ...securityOptions(s.security),
  });
  return {
    async connect(topic) {
      await client.metadata({ topics: [topic] });
    },
    async send(topic, records: OutRecord[]) {
      const messages: MessageToProduce<Buffer, Buffer, Buffer, Buffer>[] = new Array(records.length);
      for (let i = 0; i < records.length; i++) {
        const r = records[i]!;
        // A tombstone's value is null on the wire (the client writes length -1 for null).
        const value = (r.value === null ? null : asBuffer(r.value)) as Buffer;
        messages[i] = { topic, key: r.key === null ? undefined : asBuffer(r.key), value, headers: encodedHeaders(r.headers) };
      }
      await client.send({ messages });
    },
    async close() {
      await client.close();
    },
  };
}

async function admin(brokers: string[], clientId: string, retries: number, security?: KafkaSecurity): Promise<TopicAdmin> {
  const client = new Admin({ clientId, bootstrapBrokers: brokers, connectTimeout: CONNECT_TIMEOUT_MS, timeout: REQUEST_TIMEOUT_MS, retries, retryDelay, ...securityOptions(security) });
  // Connected here, so an unreachable cluster fails at once rather than being retried as a busy broker would be.
  try {
    await client.metadata({ topics: [] });
  } catch (err) {
    await client.close().catch(() => {});
    throw err;
  }
  return {
    listTopics: () => client.listTopics(),
    deleteTopic: (topic) => client.deleteTopics({ topics: [topic] }),
    async createTopic(topic, partitions, replicationFactor) {
      try {
        await client.createTopics({ topics: [topic], partitions, replicas: replicationFactor });
      } catch (err) {
        if (!(err instanceof Error) || !findErrorBy(err, 'apiId', 'TOPIC_ALREADY_EXISTS')) throw err;
      }
    },
    async leadersReady(topic) {
      const metadata = await client.metadata({ topics: [topic], forceUpdate: true });
      const count = metadata.topics.get(topic)?.partitionsCount ?? 0;
      const partitions = Array.from({ length: count }, (_, partitionIndex) => ({ partitionIndex, timestamp: -1n }));
      await client.listOffsets({ topics: [{ name: topic, partitions }] });
    },
    close: () => client.close(),
  };
}

export const platformaticClient: KafkaClientAdapter = {
  name: '@platformatic/kafka',
  compressions: COMPRESSIONS,
  idempotence: true,
  admin,
  producer,
  retriable: (err) => err instanceof Error && findErrorBy(err, 'canRetry', true) !== null,
  authenticationFailed: (err) => anyInChain(err, (e) => e.code === 'PLT_KFK_AUTHENTICATION' || e.apiId === 'SASL_AUTHENTICATION_FAILED'),
};
