/** The model keys the Hive sink reads. */
import type { SinkModelKeys } from './option-kind.js';

export const HIVE_MODEL_KEYS: SinkModelKeys = {
  tableNames: ['HIVE_DATABASE', 'HIVE_TABLE_NAME', 'HIVE_TEMPORARY_TABLE_NAME', 'HIVE_HDFS_FILE_PATH', 'HIVE_USE_KERBEROS', 'HIVE_USER', 'HIVE_KEYTAB'],
  options: {
    HIVE_THREAD_NUMBER: 'int', HIVE_TABLE_TYPE: { oneOf: ['EXTERNAL', 'MANAGED', 'ICEBERG'] },
    HIVE_TABLE_FORMAT: { oneOf: ['ORC', 'PARQUET', 'AVRO', 'JSON', 'CSV'] }, HIVE_ON_HDFS: 'bool', HIVE_TEZ_QUEUE_NAME: 'text',
    HIVE_TABLE_PARTITIONS_COLS: 'columns', HIVE_TABLE_BUCKETS_COLS: 'columns', HIVE_TABLE_BUCKETS_NUMBER: 'int', HIVE_TABLE_ICEBERG_V2: 'bool',
  },
};
