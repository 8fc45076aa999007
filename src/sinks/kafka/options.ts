/** The Kafka sink's options, read and checked once (validate) from the model and the service properties. */
import { BadRequestError } from '../../errors.js';
import { endpointsOf, formatEndpoint } from '../endpoints/parse-endpoints.js';
import type { SinkContext } from '../types.js';
import { COMPRESSIONS, type Compression, type KafkaClientChoice, type KafkaSecurity } from './client.js';
import { schemaRegistrySettings, type SchemaRegistrySettings } from './registry-settings.js';
import { kafkaSecuritySettings, type KafkaSecuritySettings } from './security-settings.js';
import { booleanSetting, oneOfSetting, intSetting, requiredProperty, setting } from './settings.js';
import { kafkaTlsOptions } from './tls-material.js';

export const MESSAGE_TYPES = ['json', 'csv', 'avro'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];
const ACKS = ['all', '-1', '0', '1'] as const;
/** KAFKA_CLIENT: the client adapters, the first the default, each loaded when a sink first connects with it. */
export const KAFKA_CLIENTS: Record<string, KafkaClientChoice> = {
  platformatic: {
    name: '@platformatic/kafka', compressions: COMPRESSIONS, idempotence: true,
    load: () => import('./platformatic-client.js').then((m) => m.platformaticClient),
  },
  kafkajs: {
    name: 'kafkajs', compressions: ['none', 'gzip'], idempotence: false,
    load: () => import('./kafkajs-client.js').then((m) => m.kafkajsClient),
  },
};
export const LEGAL_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

export interface KafkaSinkOptions {
  brokers: string[];
  topic: string;
  partitions: number;
  replicationFactor: number;
  deletePrevious: boolean;
  /** Column whose value (as text) is the record key (a lifecycle model's key unless set); none: records have no key. */
  keyColumn?: string;
  /** A change stream's deletes are each followed by a tombstone (the key, a null value): Lifecycle.tombstones. */
  tombstones: boolean;
  messageType: MessageType;
  /** -1 (all in-sync replicas), 0 (none) or 1 (leader). */
  acks: -1 | 0 | 1;
  retries: number;
  compression: Compression;
  /** Idempotent producer (KAFKA_ENABLE_IDEMPOTENCE): the broker drops a retried send's duplicates; needs acks=all. */
  idempotent: boolean;
  /** How long records left over at the end of a write() wait for the next write() of the batch to fill a send. */
  lingerMs: number;
  client: KafkaClientChoice;
  /** Confluent-compatible schema registry for avro values: URL, basic auth, CA. */
  schemaRegistry?: SchemaRegistrySettings;
  /** TLS and SASL settings (KAFKA_SECURITY_PROTOCOL and the keys it brings); the stores are read by kafkaSecurity(). */
  security: KafkaSecuritySettings;
}

/** What the client connects with: the TLS options (the stores read and opened) and the SASL credentials. */
export function kafkaSecurity(settings: KafkaSecuritySettings): KafkaSecurity {
  const tls = kafkaTlsOptions(settings);
  return { ...(tls ? { tls } : {}), ...(settings.sasl ? { sasl: settings.sasl } : {}) };
}

export function kafkaOptions(ctx: SinkContext): KafkaSinkOptions {
  // The client gets the brokers as the endpoint check reads them (normalised host:port), never another spelling.
  const brokers = endpointsOf('host-list', requiredProperty(ctx, 'KAFKA_BROKERS', 'kafka'), 'KAFKA_BROKERS').map(formatEndpoint);
  const topic = setting(ctx, 'Table_Names', 'KAFKA_TOPIC') ?? ctx.model.name;
  if (!LEGAL_TOPIC.test(topic) || topic === '.' || topic === '..') {
    throw new BadRequestError(`Kafka topic "${topic}" is not a legal topic name (1-249 of a-z A-Z 0-9 . _ -); set Table_Names.KAFKA_TOPIC`, {
      field: 'Table_Names.KAFKA_TOPIC',
    });
  }
  const keyColumn = setting(ctx, 'Options', 'KAFKA_MSG_KEY') ?? ctx.model.lifecycle?.key;
  if (keyColumn !== undefined && !ctx.columns.some((c) => c.name === keyColumn)) {
    throw new BadRequestError(`Options.KAFKA_MSG_KEY names "${keyColumn}", which is not an output column (${ctx.columns.map((c) => c.name).join(', ')})`, {
      field: 'Options.KAFKA_MSG_KEY',
    });
  }
  const acks = oneOfSetting(ctx, 'Options', 'KAFKA_ACKS_CONFIG', ACKS, 'all');
  const clientName = oneOfSetting(ctx, 'Options', 'KAFKA_CLIENT', Object.keys(KAFKA_CLIENTS), 'platformatic');
  const client = KAFKA_CLIENTS[clientName]!;
  const idempotent = booleanSetting(ctx, 'Options', 'KAFKA_ENABLE_IDEMPOTENCE', false);
  if (idempotent && !client.idempotence) {
    throw new BadRequestError(`Options.KAFKA_ENABLE_IDEMPOTENCE: the ${client.name} client has no idempotent producer; use KAFKA_CLIENT=platformatic`, {
      field: 'Options.KAFKA_ENABLE_IDEMPOTENCE',
    });
  }
  if (idempotent && acks !== 'all' && acks !== '-1') {
    throw new BadRequestError(`Options.KAFKA_ENABLE_IDEMPOTENCE needs KAFKA_ACKS_CONFIG=all, got "${acks}"`, { field: 'Options.KAFKA_ENABLE_IDEMPOTENCE' });
  }
  return {
    brokers,
    topic,
    partitions: intSetting(ctx, 'Options', 'KAFKA_PARTITIONS_NUMBER', 3),
    replicationFactor: intSetting(ctx, 'Options', 'KAFKA_REPLICATION_FACTOR', 1),
    deletePrevious: booleanSetting(ctx, 'Options', 'DELETE_PREVIOUS', false),
    keyColumn,
    tombstones: ctx.model.lifecycle?.output === 'change_stream' && ctx.model.lifecycle.tombstones,
    messageType: oneOfSetting(ctx, 'Options', 'KAFKA_MESSAGE_TYPE', MESSAGE_TYPES, 'json'),
    acks: acks === 'all' ? -1 : (Number(acks) as -1 | 0 | 1),
    retries: intSetting(ctx, 'Options', 'KAFKA_RETRIES_CONFIG', 3, 0),
    compression: oneOfSetting(ctx, 'Options', 'KAFKA_COMPRESSION', client.compressions, 'none'),
    idempotent,
    lingerMs: intSetting(ctx, 'Options', 'KAFKA_LINGER_MS', 5, 0),
    client,
    schemaRegistry: schemaRegistrySettings(ctx),
    security: kafkaSecuritySettings(ctx),
  };
}
