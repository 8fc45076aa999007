/**
 * The keys the original accepts in Table_Names and Options (spec §4.6–4.7), with the value kind of each option.
 * Unknown keys are reported as warnings, not errors: the original rejected the whole model (defect 15), and our
 * sinks may read keys the original never had. A value of the wrong kind for a known option is an error.
 */
const SINK_KEYS: Record<string, string[]> = {
  LOCAL: ['LOCAL_FILE_PATH', 'LOCAL_FILE_NAME'],
  HDFS: ['HDFS_FILE_PATH', 'HDFS_FILE_NAME', 'HDFS_USE_KERBEROS', 'HDFS_USER', 'HDFS_KEYTAB'],
  OZONE: ['OZONE_VOLUME', 'OZONE_BUCKET', 'OZONE_KEY_NAME', 'OZONE_LOCAL_FILE_PATH', 'OZONE_USE_KERBEROS', 'OZONE_USER', 'OZONE_KEYTAB'],
  S3: ['S3_BUCKET', 'S3_DIRECTORY', 'S3_KEY_NAME', 'S3_LOCAL_FILE_PATH', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_ACCESS_KEY_SECRET'],
  ADLS: ['ADLS_CONTAINER', 'ADLS_DIRECTORY', 'ADLS_FILE_NAME', 'ADLS_LOCAL_FILE_PATH', 'ADLS_SAS_TOKEN', 'ADLS_ACCOUNT_NAME', 'ADLS_ACCOUNT_TYPE'],
  GCS: ['GCS_BUCKET', 'GCS_DIRECTORY', 'GCS_OBJECT_NAME', 'GCS_LOCAL_FILE_PATH', 'GCS_PROJECT_ID', 'GCS_REGION', 'GCS_ACCOUNT_KEY_PATH', 'GCS_ACCOUNT_ACCESS_TOKEN'],
  HIVE: ['HIVE_DATABASE', 'HIVE_TABLE_NAME', 'HIVE_TEMPORARY_TABLE_NAME', 'HIVE_HDFS_FILE_PATH', 'HIVE_USE_KERBEROS', 'HIVE_USER', 'HIVE_KEYTAB'],
  HBASE: ['HBASE_TABLE_NAME', 'HBASE_NAMESPACE', 'HBASE_USE_KERBEROS', 'HBASE_USER', 'HBASE_KEYTAB'],
  KAFKA: ['KAFKA_TOPIC', 'KAFKA_USE_KERBEROS', 'KAFKA_USER', 'KAFKA_KEYTAB', 'KAFKA_KEYSTORE_LOCATION', 'KAFKA_TRUSTSTORE_LOCATION',
    'KAFKA_KEYSTORE_PASSWORD', 'KAFKA_KEYSTORE_KEY_PASSWORD', 'KAFKA_TRUSTSTORE_PASSWORD'],
  KUDU: ['KUDU_TABLE_NAME', 'KUDU_USE_KERBEROS', 'KUDU_USER', 'KUDU_KEYTAB'],
  SOLR: ['SOLR_COLLECTION', 'SOLR_USE_KERBEROS', 'SOLR_USER', 'SOLR_KEYTAB', 'SOLR_KEYSTORE_LOCATION', 'SOLR_KEYSTORE_PASSWORD',
    'SOLR_TRUSTSTORE_LOCATION', 'SOLR_TRUSTSTORE_PASSWORD'],
  POSTGRESQL: ['POSTGRESQL_SCHEMA', 'POSTGRESQL_TABLE'],
  MYSQL: ['MYSQL_DATABASE', 'MYSQL_TABLE'],
  AVRO: ['AVRO_NAME'],
};

export const TABLE_NAME_KEYS: readonly string[] = Object.values(SINK_KEYS).flat();

/** How an option's text value must read. */
export type OptionKind = 'bool' | 'int' | 'text' | 'columns' | { oneOf: string[] };

export const OPTION_KINDS: Record<string, OptionKind> = {
  ONE_FILE_PER_ITERATION: 'bool', DELETE_PREVIOUS: 'bool', CSV_HEADER: 'bool', TIMESTAMP_STEP_MS: 'int',
  PARQUET_PAGE_SIZE: 'int', PARQUET_ROW_GROUP_SIZE: 'int', PARQUET_DICTIONARY_PAGE_SIZE: 'int', PARQUET_DICTIONARY_ENCODING: 'bool',
  HDFS_REPLICATION_FACTOR: 'int', OZONE_REPLICATION_FACTOR: 'int',
  ADLS_BLOCK_SIZE: 'int', ADLS_MAX_UPLOAD_SIZE: 'int', ADLS_MAX_CONCURRENCY: 'int',
  HIVE_THREAD_NUMBER: 'int', HIVE_TABLE_TYPE: { oneOf: ['EXTERNAL', 'MANAGED', 'ICEBERG'] },
  HIVE_TABLE_FORMAT: { oneOf: ['ORC', 'PARQUET', 'AVRO', 'JSON', 'CSV'] }, HIVE_ON_HDFS: 'bool', HIVE_TEZ_QUEUE_NAME: 'text',
  HIVE_TABLE_PARTITIONS_COLS: 'columns', HIVE_TABLE_BUCKETS_COLS: 'columns', HIVE_TABLE_BUCKETS_NUMBER: 'int', HIVE_TABLE_ICEBERG_V2: 'bool',
  HBASE_PRIMARY_KEY: 'columns', HBASE_COLUMN_FAMILIES_MAPPING: 'text',
  KAFKA_MSG_KEY: 'columns', KAFKA_ACKS_CONFIG: 'text', KAFKA_RETRIES_CONFIG: 'int', KAFKA_JAAS_FILE_PATH: 'text',
  KAFKA_REPLICATION_FACTOR: 'int', KAFKA_PARTITIONS_NUMBER: 'int', KAFKA_MESSAGE_TYPE: { oneOf: ['JSON', 'CSV', 'AVRO'] },
  KAFKA_COMPRESSION: { oneOf: ['NONE', 'GZIP', 'SNAPPY', 'LZ4', 'ZSTD'] }, KAFKA_LINGER_MS: 'int', KAFKA_ENABLE_IDEMPOTENCE: 'bool',
  KAFKA_CLIENT: { oneOf: ['PLATFORMATIC', 'KAFKAJS'] },
  KUDU_BUCKETS: 'int', KUDU_BUFFER: 'int', KUDU_FLUSH: { oneOf: ['MANUAL_FLUSH', 'AUTO_FLUSH_SYNC', 'AUTO_FLUSH_BACKGROUND'] },
  KUDU_REPLICAS: 'int', KUDU_HASH_KEYS: 'columns', KUDU_RANGE_KEYS: 'columns', KUDU_PRIMARY_KEYS: 'columns',
  POSTGRESQL_PRIMARY_KEYS: 'columns', MYSQL_PRIMARY_KEYS: 'columns',
  SOLR_SHARDS: 'int', SOLR_REPLICAS: 'int', SOLR_JAAS_FILE_PATH: 'text', SOLR_PRIMARY_KEY: 'columns',
};

export const OPTION_KEYS: readonly string[] = Object.keys(OPTION_KINDS);

/** Why `value` does not fit `kind`, or undefined when it does. */
export function optionValueProblem(kind: OptionKind, value: string): string | undefined {
  if (kind === 'bool') return /^(true|false)$/i.test(value.trim()) ? undefined : `must be true or false, got "${value}"`;
  if (kind === 'int') return /^-?\d+$/.test(value.trim()) ? undefined : `must be an integer, got "${value}"`;
  if (typeof kind === 'object') {
    return kind.oneOf.includes(value.trim().toUpperCase()) ? undefined : `must be one of ${kind.oneOf.join(', ')}, got "${value}"`;
  }
  return undefined;
}
