/**
 * The Kafka sink, on the client adapter KAFKA_CLIENT names (client.ts; @platformatic/kafka by default).
 * prepare() creates the topic (DELETE_PREVIOUS: deletes it first); each writer holds one producer, connected on
 * its first batch; a batch goes out in sends of up to CHUNK records (and MAX_SEND_BYTES), WINDOW of them in flight,
 * never one await per record; records left at the end of a write() wait up to KAFKA_LINGER_MS for the next one.
 * Each record carries the headers commandUuid and batch. Delivery is at-least-once: a redelivered batch is sent again.
 */
import type { Row } from '../../model/types.js';
import { withEndpointCheck } from '../endpoints/check.js';
import type { BatchWriter, Sink, SinkContext } from '../types.js';
import { redactUrlUserInfo } from '../../secrets/url-user-info.js';
import type { KafkaClientAdapter, OutRecord, TopicAdmin } from './client.js';
import { KAFKA_ENDPOINT_SETTINGS } from './connection-settings.js';
import { kafkaOptions, kafkaSecurity } from './options.js';
import { kafkaAvroEncoder, kafkaValueEncoder } from './debezium-envelope.js';
import { keyEncoder } from './record-encoder.js';
import { registerValueSchema } from './schema-registry.js';
import { checkKafkaStores } from './tls-material.js';
import { createTopic } from './topic.js';

/**
 * At most this many records per send: with kafkajs a send's records are grouped by partition with a quadratic
 * array copy, so sends of about a thousand records cost least per record (measured: 500-1,000 best, 10,000 worse).
 */
export const CHUNK = 1_000;
/** Sends in flight at once per writer. */
export const WINDOW = 8;
/**
 * And at most about this many bytes per send: a send's records for one partition go into a single record batch,
 * which the broker rejects above max.message.bytes (1 MiB by default), and all records may share a partition.
 */
export const MAX_SEND_BYTES = 768 * 1024;
/** Per-record framing in a v2 record batch (length, attributes, deltas, header count) as an upper estimate. */
const RECORD_OVERHEAD = 24;

export function describeKafka(ctx: SinkContext): string {
  const brokers = ctx.settings.properties.KAFKA_BROKERS?.trim() || '(KAFKA_BROKERS unset)';
  const topic = ctx.model.tableNames.KAFKA_TOPIC || ctx.settings.properties.KAFKA_TOPIC || ctx.model.name;
  return redactUrlUserInfo(`kafka ${brokers} topic ${topic}`);
}

/**
 * An error whose message starts with the sink and its address, e.g. "kafka 127.0.0.1:1 topic t: Connection error: ...";
 * one the client reports as refused credentials says so first, whatever the client's words.
 */
export function kafkaFailure(ctx: SinkContext, doing: string, err: unknown, client?: Pick<KafkaClientAdapter, 'authenticationFailed'>): Error {
  const auth = client?.authenticationFailed(err) ? 'authentication failed (check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD): ' : '';
  return new Error(`${describeKafka(ctx)}: ${doing} failed: ${auth}${causeChain(err)}`, { cause: err });
}

/**
 * The distinct messages of an error and of what caused it (cause, and the errors of an AggregateError), outermost
 * first: a client's outer message is often generic ("Creating topics failed."), the reason is further in.
 */
function causeChain(err: unknown): string {
  const messages: string[] = [];
  const queue: unknown[] = [err];
  for (let seen = 0; queue.length && seen < 12; seen++) {
    const e = queue.shift() as (Error & { errors?: unknown[]; originalError?: unknown }) | undefined;
    if (!(e instanceof Error)) {
      if (e !== undefined && e !== null && messages.length === 0) messages.push(String(e));
      continue;
    }
    const m = e.message.trim();
    if (m && !messages.some((x) => x.includes(m))) messages.push(m);
    queue.push(...(Array.isArray(e.errors) ? e.errors : []), e.cause ?? e.originalError);
  }
  return messages.slice(0, 4).join(': ') || String(err);
}

async function prepare(ctx: SinkContext): Promise<void> {
  const opts = kafkaOptions(ctx);
  const client = await opts.client.load();
  let admin: TopicAdmin | undefined;
  try {
    admin = await client.admin(opts.brokers, `datagen-admin-${ctx.commandUuid}`, opts.retries, kafkaSecurity(opts.security));
    await createTopic(client, admin, opts);
    if (opts.messageType === 'avro' && opts.schemaRegistry) {
      await registerValueSchema(opts.schemaRegistry, opts.topic, kafkaAvroEncoder(ctx.model, ctx.columns).schemaJson);
    }
  } catch (err) {
    throw kafkaFailure(ctx, 'preparing the topic', err, client);
  } finally {
    await admin?.close().catch(() => {});
  }
}

async function open(ctx: SinkContext): Promise<BatchWriter> {
  const opts = kafkaOptions(ctx);
  const client = await opts.client.load();
  let security: ReturnType<typeof kafkaSecurity>;
  try {
    security = kafkaSecurity(opts.security);
  } catch (err) {
    throw kafkaFailure(ctx, 'reading the TLS stores', err);
  }
  const producer = client.producer({
    brokers: opts.brokers,
    clientId: `datagen-${ctx.commandUuid}`,
    acks: opts.acks,
    retries: opts.retries,
    compression: opts.compression,
    idempotent: opts.idempotent,
    security,
  });
  const avro = opts.messageType === 'avro' ? kafkaAvroEncoder(ctx.model, ctx.columns) : undefined;
  // Connected (and the schema registered) once, on the first batch, so an unreachable broker fails write().
  let ready: Promise<{ encodeValue: (row: Row) => string | Buffer }> | undefined;
  const connect = async () => {
    await producer.connect(opts.topic);
    const schemaId = avro && opts.schemaRegistry ? await registerValueSchema(opts.schemaRegistry, opts.topic, avro.schemaJson) : undefined;
    return { encodeValue: kafkaValueEncoder(opts.messageType, ctx.model, ctx.columns, avro, schemaId) };
  };
  const encodeKey = keyEncoder(opts.keyColumn);

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
        throw kafkaFailure(ctx, `sending batch ${batch}`, err, client);
      }
      const headers: Record<string, string> = { commandUuid: ctx.commandUuid, batch: String(batch), ...(shard.count > 1 ? { shard: String(shard.index) } : {}) };
      if (avro && !opts.schemaRegistry) headers['avro.schema.fingerprint'] = avro.fingerprint;
      const schemaHeaders = avro && !opts.schemaRegistry ? { ...headers, 'avro.schema': avro.schemaJson } : undefined;
      const headerBytes = Object.entries(headers).reduce((n, [k, v]) => n + k.length + String(v).length + 2, 0);
      // Up to WINDOW sends in flight: enough to keep the broker busy, few enough that a batch's encoded records
      // do not all pile up in memory (garbage collection grows with what is alive).
      const inFlight: Promise<void>[] = [];
      let failure: unknown;
      let rowsSent = 0;
      // Records not sent yet: a full send goes at once, the rest waits up to lingerMs for the next write().
      let pending: OutRecord[] = [];
      let pendingBytes = 0;
      let linger: NodeJS.Timeout | undefined;
      const dispatch = () => {
        clearTimeout(linger);
        linger = undefined;
        if (pending.length === 0) return;
        inFlight.push(producer.send(opts.topic, pending).then(() => {}, (err) => void (failure ??= err)));
        pending = [];
        pendingBytes = 0;
      };
      const drain = async () => {
        dispatch();
        await Promise.all(inFlight);
        inFlight.length = 0;
      };
      return {
        async write(rows) {
          try {
            for (let i = 0; i < rows.length && failure === undefined; i++) {
              const row = rows[i]!;
              const key = encodeKey(row);
              const value = encodeValue(row);
              // Without a registry, the batch's first record also carries the whole schema so a reader can decode.
              pending.push({ key, value, headers: rowsSent + i === 0 && schemaHeaders ? schemaHeaders : headers });
              // A change stream's delete can be followed by a tombstone: the key with no value, for log compaction.
              if (opts.tombstones && row.op === 'd') {
                pending.push({ key, value: null, headers });
                pendingBytes += (key === null ? 0 : Buffer.byteLength(key)) + headerBytes + RECORD_OVERHEAD;
              }
              pendingBytes += (key === null ? 0 : Buffer.byteLength(key)) + (typeof value === 'string' ? Buffer.byteLength(value) : value.length) + headerBytes + RECORD_OVERHEAD;
              if (pending.length >= CHUNK || pendingBytes >= MAX_SEND_BYTES) {
                dispatch();
                if (inFlight.length >= WINDOW) await inFlight.shift();
              }
            }
            rowsSent += rows.length;
            if (failure !== undefined) throw failure;
            if (pending.length && opts.lingerMs === 0) dispatch();
            else if (pending.length) linger ??= setTimeout(dispatch, opts.lingerMs);
          } catch (err) {
            throw kafkaFailure(ctx, `sending batch ${batch}`, err, client);
          }
        },
        async commit() {
          // Every send acknowledged, so nothing of this batch is still in flight when it counts as written.
          await drain();
          if (failure !== undefined) throw kafkaFailure(ctx, `sending batch ${batch}`, failure, client);
          return { rows: rowsSent, location: `kafka topic ${opts.topic}` };
        },
        async abort() {
          clearTimeout(linger);
          pending = [];
          await Promise.allSettled(inFlight);
        },
      };
    },
    async close() {
      if (ready) await producer.close().catch(() => {});
    },
  };
}

export const kafkaSink: Sink = withEndpointCheck(KAFKA_ENDPOINT_SETTINGS, {
  name: 'kafka',
  validate: (ctx) => {
    const opts = kafkaOptions(ctx);
    checkKafkaStores(opts.security);
    if (opts.messageType === 'avro') kafkaAvroEncoder(ctx.model, ctx.columns);
  },
  prepare,
  open,
  finalize: async () => {},
  // Records already sent stay: at-least-once delivery, de-duplicated downstream by their headers or row keys.
  abort: async () => {},
  describe: describeKafka,
});

