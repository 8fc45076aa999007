/** The model keys the Kafka sink reads. */
import { kerberosHelp, type SinkModelKeys } from './option-kind.js';

export const KAFKA_MODEL_KEYS: SinkModelKeys = {
  label: 'Kafka',
  tableNames: ['KAFKA_TOPIC', 'KAFKA_USE_KERBEROS', 'KAFKA_USER', 'KAFKA_KEYTAB', 'KAFKA_KEYSTORE_LOCATION', 'KAFKA_TRUSTSTORE_LOCATION',
    'KAFKA_KEYSTORE_PASSWORD', 'KAFKA_KEYSTORE_KEY_PASSWORD', 'KAFKA_TRUSTSTORE_PASSWORD'],
  options: {
    KAFKA_MSG_KEY: 'columns', KAFKA_ACKS_CONFIG: 'text', KAFKA_RETRIES_CONFIG: 'int', KAFKA_JAAS_FILE_PATH: 'text',
    KAFKA_REPLICATION_FACTOR: 'int', KAFKA_PARTITIONS_NUMBER: 'int', KAFKA_MESSAGE_TYPE: { oneOf: ['JSON', 'CSV', 'AVRO'] },
    KAFKA_COMPRESSION: { oneOf: ['NONE', 'GZIP', 'SNAPPY', 'LZ4', 'ZSTD'] }, KAFKA_LINGER_MS: 'int', KAFKA_ENABLE_IDEMPOTENCE: 'bool',
    KAFKA_CLIENT: { oneOf: ['PLATFORMATIC', 'KAFKAJS'] },
  },
  help: {
    KAFKA_TOPIC: 'Topic written to.',
    ...kerberosHelp('KAFKA', 'Kafka'),
    KAFKA_KEYSTORE_LOCATION: 'Client keystore file (TLS).',
    KAFKA_TRUSTSTORE_LOCATION: 'Truststore file (TLS).',
    KAFKA_KEYSTORE_PASSWORD: 'Keystore password (prefer stored credentials).',
    KAFKA_KEYSTORE_KEY_PASSWORD: 'Key password in the keystore (prefer stored credentials).',
    KAFKA_TRUSTSTORE_PASSWORD: 'Truststore password (prefer stored credentials).',
    KAFKA_MSG_KEY: 'Columns making the message key, comma-separated.',
    KAFKA_ACKS_CONFIG: 'Producer acks: 0, 1 or all.',
    KAFKA_RETRIES_CONFIG: 'Producer retries.',
    KAFKA_JAAS_FILE_PATH: 'JAAS file for SASL.',
    KAFKA_REPLICATION_FACTOR: 'Replication of a topic the sink creates.',
    KAFKA_PARTITIONS_NUMBER: 'Partitions of a topic the sink creates.',
    KAFKA_MESSAGE_TYPE: 'Message format: JSON, CSV or AVRO.',
    KAFKA_COMPRESSION: 'Compression of the batches.',
    KAFKA_LINGER_MS: 'Producer linger in milliseconds.',
    KAFKA_ENABLE_IDEMPOTENCE: 'Idempotent producer.',
    KAFKA_CLIENT: 'Client library: PLATFORMATIC or KAFKAJS.',
  },
};
