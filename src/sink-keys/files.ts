/** The model keys the local file sinks and their formats read (the data-lake sinks share the formats' options). */
import type { SinkModelKeys } from './option-kind.js';

export const FILE_MODEL_KEYS: SinkModelKeys = {
  label: 'Local files (json, csv, avro, parquet, orc) and the formats of the data-lake sinks',
  tableNames: ['LOCAL_FILE_PATH', 'LOCAL_FILE_NAME', 'AVRO_NAME'],
  options: {
    ONE_FILE_PER_ITERATION: 'bool', DELETE_PREVIOUS: 'bool', CSV_HEADER: 'bool',
    PARQUET_PAGE_SIZE: 'int', PARQUET_ROW_GROUP_SIZE: 'int', PARQUET_DICTIONARY_PAGE_SIZE: 'int', PARQUET_DICTIONARY_ENCODING: 'bool',
    // The ORC writer checks its own values (src/sinks/files/orc/orc-options.ts names the allowed ones).
    ORC_COMPRESSION: 'text', ORC_STRIPE_SIZE: 'int', ORC_STRIPE_ROWS: 'int', ORC_COMPRESSION_BLOCK_SIZE: 'int',
  },
  help: {
    LOCAL_FILE_PATH: 'Directory of the files, under the service\'s allowed output directories.',
    LOCAL_FILE_NAME: 'File name prefix; batches add their number and the extension.',
    AVRO_NAME: 'The Avro record name of the schema.',
    ONE_FILE_PER_ITERATION: 'One file per batch (true) or one file for the whole command.',
    DELETE_PREVIOUS: 'Delete files of the same name before writing.',
    CSV_HEADER: 'Write a header line of column names (CSV).',
    PARQUET_PAGE_SIZE: 'Parquet page size in bytes.',
    PARQUET_ROW_GROUP_SIZE: 'Parquet row group size in bytes.',
    PARQUET_DICTIONARY_PAGE_SIZE: 'Parquet dictionary page size in bytes.',
    PARQUET_DICTIONARY_ENCODING: 'Use Parquet dictionary encoding.',
    ORC_COMPRESSION: 'ORC compression: NONE, ZLIB, SNAPPY, LZ4 or ZSTD.',
    ORC_STRIPE_SIZE: 'ORC stripe size in bytes.',
    ORC_STRIPE_ROWS: 'Rows per ORC stripe at most.',
    ORC_COMPRESSION_BLOCK_SIZE: 'ORC compression block size in bytes.',
  },
};
