/** The model keys the Hive sink reads. */
import { kerberosHelp, type SinkModelKeys } from './option-kind.js';

export const HIVE_MODEL_KEYS: SinkModelKeys = {
  label: 'Hive',
  tableNames: ['HIVE_DATABASE', 'HIVE_TABLE_NAME', 'HIVE_TEMPORARY_TABLE_NAME', 'HIVE_HDFS_FILE_PATH', 'HIVE_USE_KERBEROS', 'HIVE_USER', 'HIVE_KEYTAB'],
  options: {
    HIVE_THREAD_NUMBER: 'int', HIVE_TABLE_TYPE: { oneOf: ['EXTERNAL', 'MANAGED', 'ICEBERG'] },
    HIVE_TABLE_FORMAT: { oneOf: ['ORC', 'PARQUET', 'AVRO', 'JSON', 'CSV'] }, HIVE_ON_HDFS: 'bool', HIVE_TEZ_QUEUE_NAME: 'text',
    HIVE_TABLE_PARTITIONS_COLS: 'columns', HIVE_TABLE_BUCKETS_COLS: 'columns', HIVE_TABLE_BUCKETS_NUMBER: 'int', HIVE_TABLE_ICEBERG_V2: 'bool',
  },
  help: {
    HIVE_DATABASE: 'Hive database.',
    HIVE_TABLE_NAME: 'Hive table.',
    HIVE_TEMPORARY_TABLE_NAME: 'Staging table loaded before the final insert.',
    HIVE_HDFS_FILE_PATH: 'HDFS directory of the table\'s files.',
    ...kerberosHelp('HIVE', 'Hive'),
    HIVE_THREAD_NUMBER: 'Parallel inserts.',
    HIVE_TABLE_TYPE: 'EXTERNAL, MANAGED or ICEBERG table.',
    HIVE_TABLE_FORMAT: 'Storage format of the table.',
    HIVE_ON_HDFS: 'Write files to HDFS and load them, instead of INSERT statements.',
    HIVE_TEZ_QUEUE_NAME: 'Tez queue of the queries.',
    HIVE_TABLE_PARTITIONS_COLS: 'Partition columns, comma-separated.',
    HIVE_TABLE_BUCKETS_COLS: 'Bucketing columns, comma-separated.',
    HIVE_TABLE_BUCKETS_NUMBER: 'Number of buckets.',
    HIVE_TABLE_ICEBERG_V2: 'Iceberg format version 2.',
  },
};
