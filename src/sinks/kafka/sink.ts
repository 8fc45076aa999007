/**
 * The Kafka sink (kafkajs). prepare() creates the topic (DELETE_PREVIOUS: deletes it first); each writer holds one
 * producer, connected on its first batch; a batch goes out in sends of up to CHUNK records (and MAX_SEND_BYTES),
 * WINDOW of them in flight, never one await per record; each record carries the headers commandUuid and batch.
 * Delivery is at-least-once: a redelivered batch is sent again.
 */
import { CompressionTypes, Kafka, logLevel, type IHeaders, type Message } from 'kafkajs';
import type { Row } from '../../model/types.js';
import { withEndpointCheck } from '../endpoints/check.js';
import type { BatchWriter, Sink, SinkContext } from '../types.js';
import { redactUrlUserInfo } from '../../secrets/url-user-info.js';
import { avroValueEncoder } from './avro-value.js';
import { KAFKA_ENDPOINT_SETTINGS } from './connection-settings.js';
import { installFastRecords } from './fast-records.js';
import { fastDefaultPartitioner } from './murmur2.js';
import { kafkaOptions, type KafkaSinkOptions } from './options.js';
import { keyEncoder, valueEncoder } from './record-encoder.js';
import { registerValueSchema } from './schema-registry.js';
import { createTopic } from './topic.js';

/**
 * At most this many records per producer.send(): kafkajs groups a send's records by partition with a quadratic
 * array copy, so sends of about a thousand records cost least per record (measured: 500-1,000 best, 10,000 worse).
 */
export const CHUNK = 1_000;
/** Sends in flight at once per writer. */
export const WINDOW = 8;
/**
 * And at most about this many bytes per send: kafkajs puts a send's records for one partition into a single record
 * batch, which the broker rejects above max.message.bytes (1 MiB by default), and all records may share a partition.
 */
export const MAX_SEND_BYTES = 768 * 1024;
/** Per-record framing in a v2 record batch (length, attributes, deltas, header count) as an upper estimate. */
const RECORD_OVERHEAD = 24;

export function describeKafka(ctx: SinkContext): string {
  const brokers = ctx.settings.properties.KAFKA_BROKERS?.trim() || '(KAFKA_BROKERS unset)';
  const topic = ctx.model.tableNames.KAFKA_TOPIC || ctx.settings.properties.KAFKA_TOPIC || ctx.model.name;
  return redactUrlUserInfo(`kafka ${brokers} topic ${topic}`);
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
  installFastRecords();
  const producer = kafkaClient(opts, `datagen-${ctx.commandUuid}`).producer({
    allowAutoTopicCreation: false,
    createPartitioner: fastDefaultPartitioner,
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
    async begin(batch, shard) {
      let encodeValue: (row: Row) => string | Buffer;
      try {
        // A failed connection is not kept: the next batch (a retry) connects again.
        ready ??= connect().catch((err) => {
          ready = undefined;
          throw err;
        });
        ({ encodeValue } = await ready);
      } catch (err) {
        throw kafkaFailure(ctx, `sending batch ${batch}`, err);
      }
      const headers: IHeaders = { commandUuid: ctx.commandUuid, batch: String(batch), ...(shard.count > 1 ? { shard: String(shard.index) } : {}) };
      if (avro && !opts.schemaRegistryUrl) headers['avro.schema.fingerprint'] = avro.fingerprint;
      const schemaHeaders = avro && !opts.schemaRegistryUrl ? { ...headers, 'avro.schema': avro.schemaJson } : undefined;
      const headerBytes = Object.entries(headers).reduce((n, [k, v]) => n + k.length + String(v).length + 2, 0);
      // Up to WINDOW sends in flight: enough to keep the broker busy, few enough that a batch's encoded records
      // do not all pile up in memory (garbage collection grows with what is alive).
      const inFlight: Promise<void>[] = [];
      let failure: unknown;
      let rowsSent = 0;
      const send = async (messages: Message[]) => {
        inFlight.push(producer.send({ topic: opts.topic, acks: opts.acks, compression, messages }).then(() => {}, (err) => void (failure ??= err)));
        if (inFlight.length >= WINDOW) await inFlight.shift();
      };
      return {
        async write(rows) {
          try {
            let messages: Message[] = [];
            let bytes = 0;
            for (let i = 0; i < rows.length && failure === undefined; i++) {
              const row = rows[i]!;
              const key = encodeKey(row);
              const value = encodeValue(row);
              // Without a registry, the batch's first record also carries the whole schema so a reader can decode.
              messages.push({ key, value, headers: rowsSent + i === 0 && schemaHeaders ? schemaHeaders : headers });
              bytes += (key === null ? 0 : Buffer.byteLength(key)) + (typeof value === 'string' ? Buffer.byteLength(value) : value.length) + headerBytes + RECORD_OVERHEAD;
              if (messages.length >= CHUNK || bytes >= MAX_SEND_BYTES) {
                await send(messages);
                messages = [];
                bytes = 0;
              }
            }
            if (messages.length && failure === undefined) await send(messages);
            rowsSent += rows.length;
            if (failure !== undefined) throw failure;
          } catch (err) {
            throw kafkaFailure(ctx, `sending batch ${batch}`, err);
          }
        },
        async commit() {
          // Every send acknowledged, so nothing of this batch is still in flight when it counts as written.
          await Promise.all(inFlight);
          if (failure !== undefined) throw kafkaFailure(ctx, `sending batch ${batch}`, failure);
          return { rows: rowsSent, location: `kafka topic ${opts.topic}` };
        },
        async abort() {
          await Promise.allSettled(inFlight);
        },
      };
    },
    async close() {
      if (ready) await producer.disconnect().catch(() => {});
    },
  };
}

export const kafkaSink: Sink = withEndpointCheck(KAFKA_ENDPOINT_SETTINGS, {
  name: 'kafka',
  validate: (ctx) => {
    const opts = kafkaOptions(ctx);
    if (opts.messageType === 'avro') avroValueEncoder(ctx.model, ctx.columns);
  },
  prepare,
  open,
  finalize: async () => {},
  // Records already sent stay: at-least-once delivery, de-duplicated downstream by their headers or row keys.
  abort: async () => {},
  describe: describeKafka,
});

