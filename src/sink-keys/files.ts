/** The model keys the local file sinks and their formats read (the data-lake sinks share the formats' options). */
import type { SinkModelKeys } from './option-kind.js';

export const FILE_MODEL_KEYS: SinkModelKeys = {
  tableNames: ['LOCAL_FILE_PATH', 'LOCAL_FILE_NAME', 'AVRO_NAME'],
  options: {
    ONE_FILE_PER_ITERATION: 'bool', DELETE_PREVIOUS: 'bool', CSV_HEADER: 'bool',
    PARQUET_PAGE_SIZE: 'int', PARQUET_ROW_GROUP_SIZE: 'int', PARQUET_DICTIONARY_PAGE_SIZE: 'int', PARQUET_DICTIONARY_ENCODING: 'bool',
    // The ORC writer checks its own values (src/sinks/files/orc/orc-options.ts names the allowed ones).
    ORC_COMPRESSION: 'text', ORC_STRIPE_SIZE: 'int', ORC_STRIPE_ROWS: 'int', ORC_COMPRESSION_BLOCK_SIZE: 'int',
  },
};
