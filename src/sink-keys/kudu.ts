/** The model keys the Kudu sink reads. */
import type { SinkModelKeys } from './option-kind.js';

export const KUDU_MODEL_KEYS: SinkModelKeys = {
  tableNames: ['KUDU_TABLE_NAME', 'KUDU_USE_KERBEROS', 'KUDU_USER', 'KUDU_KEYTAB'],
  options: {
    KUDU_BUCKETS: 'int', KUDU_BUFFER: 'int', KUDU_FLUSH: { oneOf: ['MANUAL_FLUSH', 'AUTO_FLUSH_SYNC', 'AUTO_FLUSH_BACKGROUND'] },
    KUDU_REPLICAS: 'int', KUDU_HASH_KEYS: 'columns', KUDU_RANGE_KEYS: 'columns', KUDU_PRIMARY_KEYS: 'columns',
  },
};
