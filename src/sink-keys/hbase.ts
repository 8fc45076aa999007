/** The model keys the HBase sink reads. */
import type { SinkModelKeys } from './option-kind.js';

export const HBASE_MODEL_KEYS: SinkModelKeys = {
  tableNames: ['HBASE_TABLE_NAME', 'HBASE_NAMESPACE', 'HBASE_USE_KERBEROS', 'HBASE_USER', 'HBASE_KEYTAB'],
  options: { HBASE_PRIMARY_KEY: 'columns', HBASE_PRIMARY_KEY_SEPARATOR: 'text', HBASE_COLUMN_FAMILIES_MAPPING: 'text', HBASE_VALUE_ENCODING: { oneOf: ['binary', 'text'] } },
};
