/** The model keys the Kudu sink reads. */
import { kerberosHelp, type SinkModelKeys } from './option-kind.js';

export const KUDU_MODEL_KEYS: SinkModelKeys = {
  label: 'Kudu',
  tableNames: ['KUDU_TABLE_NAME', 'KUDU_USE_KERBEROS', 'KUDU_USER', 'KUDU_KEYTAB'],
  options: {
    KUDU_BUCKETS: 'int', KUDU_BUFFER: 'int', KUDU_FLUSH: { oneOf: ['MANUAL_FLUSH', 'AUTO_FLUSH_SYNC', 'AUTO_FLUSH_BACKGROUND'] },
    KUDU_REPLICAS: 'int', KUDU_HASH_KEYS: 'columns', KUDU_RANGE_KEYS: 'columns', KUDU_PRIMARY_KEYS: 'columns',
  },
  help: {
    KUDU_TABLE_NAME: 'Kudu table.',
    ...kerberosHelp('KUDU', 'Kudu'),
    KUDU_BUCKETS: 'Hash buckets of a table the sink creates.',
    KUDU_BUFFER: 'Mutation buffer size (operations).',
    KUDU_FLUSH: 'Flush mode of the session.',
    KUDU_REPLICAS: 'Replicas of a table the sink creates.',
    KUDU_HASH_KEYS: 'Hash partition columns, comma-separated.',
    KUDU_RANGE_KEYS: 'Range partition columns, comma-separated.',
    KUDU_PRIMARY_KEYS: 'Primary key columns, comma-separated.',
  },
};
