/**
 * The Kafka sink (kafkajs). prepare() creates the topic (DELETE_PREVIOUS: deletes it first); each writer holds one
 * producer, connected on its first batch; a batch goes out in a few large sends of CHUNK records, each record
 * carrying the headers commandUuid and batch. Delivery is at-least-once: a redelivered batch is sent again.
 */
import { CompressionTypes, Kafka, logLevel, Partitioners, type IHeaders, type Message } from 'kafkajs';
import type { Row } from '../../model/types.js';
import type { BatchWriter, Sink, SinkContext } from '../types.js';
import { avroValueEncoder } from './avro-value.js';
import { kafkaOptions, type KafkaSinkOptions } from './options.js';
import { keyEncoder, valueEncoder } from './record-encoder.js';
import { registerValueSchema } from './schema-registry.js';
import { createTopic } from './topic.js';

/** Records per producer.send(): large enough to amortise a round trip, small enough to stay well under message limits. */
export const CHUNK = 10_000;

export function describeKafka(ctx: SinkContext): string {
  const brokers = ctx.settings.properties.KAFKA_BROKERS?.trim() || '(KAFKA_BROKERS unset)';
  const topic = ctx.model.tableNames.KAFKA_TOPIC || ctx.settings.properties.KAFKA_TOPIC || ctx.model.name;
  return `kafka ${brokers} topic ${topic}`;
}

/** An error whose message starts with the sink and its address, e.g. "kafka 127.0.0.1:1 topic t: Connection error: ...". */
export function kafkaFailure(ctx: SinkContext, doing: string, err: unknown): Error {
  const e = err as Error & { cause?: Error };
  const cause = e?.cause?.message && !e.message.includes(e.cause.message) ? ` (${e.cause.message})` : '';
  return new Error(`${describeKafka(ctx)}: ${doing} failed: ${e?.message ?? String(err)}${cause}`, { cause: err });
}

export function kafkaClient(opts: KafkaSinkOptions, clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: opts.brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    retry: { retries: opts.retries, initialRetryTime: 200, maxRetryTime: 5_000 },
  });
}

async function prepare(ctx: SinkContext): Promise<void> {
  const opts = kafkaOptions(ctx);
  const admin = kafkaClient(opts, `datagen-admin-${ctx.commandUuid}`).admin();
  try {
    await admin.connect();
    await createTopic(admin, opts);
    if (opts.messageType === 'avro' && opts.schemaRegistryUrl) {
      await registerValueSchema(opts.schemaRegistryUrl, opts.topic, avroValueEncoder(ctx.model, ctx.columns).schemaJson);
    }
  } catch (err) {
    throw kafkaFailure(ctx, 'preparing the topic', err);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

async function open(ctx: SinkContext): Promise<BatchWriter> {
  const opts = kafkaOptions(ctx);
  const producer = kafkaClient(opts, `datagen-${ctx.commandUuid}`).producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: opts.retries },
  });
  const avro = opts.messageType === 'avro' ? avroValueEncoder(ctx.model, ctx.columns) : undefined;
  // Connected (and the schema registered) once, on the first batch, so an unreachable broker fails write().
  let ready: Promise<{ encodeValue: (row: Row) => string | Buffer }> | undefined;
  const connect = async () => {
    await producer.connect();
    const schemaId = avro && opts.schemaRegistryUrl ? await registerValueSchema(opts.schemaRegistryUrl, opts.topic, avro.schemaJson) : undefined;
    return { encodeValue: valueEncoder(opts.messageType, ctx.columns, avro, schemaId) };
  };
  const encodeKey = keyEncoder(opts.keyColumn);
  const compression = opts.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None;

  return {
    async write(batch, rows) {
      try {
        ready ??= connect();
        const { encodeValue } = await ready;
        const headers: IHeaders = { commandUuid: ctx.commandUuid, batch: String(batch) };
        if (avro && !opts.schemaRegistryUrl) headers['avro.schema.fingerprint'] = avro.fingerprint;
        const sends: Promise<unknown>[] = [];
        for (let start = 0; start < rows.length; start += CHUNK) {
          const end = Math.min(rows.length, start + CHUNK);
          const messages: Message[] = new Array(end - start);
          for (let i = start; i < end; i++) {
            const row = rows[i]!;
            messages[i - start] = { key: encodeKey(row), value: encodeValue(row), headers };
          }
          // Without a registry, the batch's first record also carries the whole schema so a reader can decode.
          if (start === 0 && avro && !opts.schemaRegistryUrl && messages[0]) messages[0].headers = { ...headers, 'avro.schema': avro.schemaJson };
          sends.push(producer.send({ topic: opts.topic, acks: opts.acks, compression, messages }));
        }
        // Wait for every chunk, so nothing of this batch is still in flight when write() settles.
        const settled = await Promise.allSettled(sends);
        const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
        if (failed) throw failed.reason;
        return { rows: rows.length, location: `kafka topic ${opts.topic}` };
      } catch (err) {
        throw kafkaFailure(ctx, `sending batch ${batch}`, err);
      }
    },
    async close() {
      if (ready) await producer.disconnect().catch(() => {});
    },
  };
}

export const kafkaSink: Sink = {
  name: 'kafka',
  validate: (ctx) => {
    const opts = kafkaOptions(ctx);
    if (opts.messageType === 'avro') avroValueEncoder(ctx.model, ctx.columns);
  },
  prepare,
  open,
  finalize: async () => {},
  describe: describeKafka,
};

