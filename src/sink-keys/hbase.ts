/** The model keys the HBase sink reads. */
import { kerberosHelp, type SinkModelKeys } from './option-kind.js';

export const HBASE_MODEL_KEYS: SinkModelKeys = {
  label: 'HBase',
  tableNames: ['HBASE_TABLE_NAME', 'HBASE_NAMESPACE', 'HBASE_USE_KERBEROS', 'HBASE_USER', 'HBASE_KEYTAB'],
  options: { HBASE_PRIMARY_KEY: 'columns', HBASE_PRIMARY_KEY_SEPARATOR: 'text', HBASE_COLUMN_FAMILIES_MAPPING: 'text', HBASE_VALUE_ENCODING: { oneOf: ['binary', 'text'] } },
  help: {
    HBASE_TABLE_NAME: 'HBase table.',
    HBASE_NAMESPACE: 'HBase namespace.',
    ...kerberosHelp('HBASE', 'HBase'),
    HBASE_PRIMARY_KEY: 'Columns making the row key, comma-separated.',
    HBASE_PRIMARY_KEY_SEPARATOR: 'Separator between the row key\'s columns.',
    HBASE_COLUMN_FAMILIES_MAPPING: 'Column families: "cf1:col1,col2;cf2:col3".',
    HBASE_VALUE_ENCODING: 'Cell values as binary or text.',
  },
};
