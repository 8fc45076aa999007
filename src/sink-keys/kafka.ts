/** The model keys the Kafka sink reads. */
import type { SinkModelKeys } from './option-kind.js';

export const KAFKA_MODEL_KEYS: SinkModelKeys = {
  tableNames: ['KAFKA_TOPIC', 'KAFKA_USE_KERBEROS', 'KAFKA_USER', 'KAFKA_KEYTAB', 'KAFKA_KEYSTORE_LOCATION', 'KAFKA_TRUSTSTORE_LOCATION',
    'KAFKA_KEYSTORE_PASSWORD', 'KAFKA_KEYSTORE_KEY_PASSWORD', 'KAFKA_TRUSTSTORE_PASSWORD'],
  options: {
    KAFKA_MSG_KEY: 'columns', KAFKA_ACKS_CONFIG: 'text', KAFKA_RETRIES_CONFIG: 'int', KAFKA_JAAS_FILE_PATH: 'text',
    KAFKA_REPLICATION_FACTOR: 'int', KAFKA_PARTITIONS_NUMBER: 'int', KAFKA_MESSAGE_TYPE: { oneOf: ['JSON', 'CSV', 'AVRO'] },
    KAFKA_COMPRESSION: { oneOf: ['NONE', 'GZIP', 'SNAPPY', 'LZ4', 'ZSTD'] }, KAFKA_LINGER_MS: 'int', KAFKA_ENABLE_IDEMPOTENCE: 'bool',
    KAFKA_CLIENT: { oneOf: ['PLATFORMATIC', 'KAFKAJS'] },
  },
};
