/** The model keys the PostgreSQL sink reads: its table's place (src/sinks/sql/table-options.ts reads them by these names). */
import type { SinkModelKeys } from './option-kind.js';

export const POSTGRESQL_TABLE_KEYS = { namespace: 'POSTGRESQL_SCHEMA', table: 'POSTGRESQL_TABLE', primaryKeys: 'POSTGRESQL_PRIMARY_KEYS' } as const;

export const POSTGRESQL_MODEL_KEYS: SinkModelKeys = {
  label: 'PostgreSQL',
  tableNames: [POSTGRESQL_TABLE_KEYS.namespace, POSTGRESQL_TABLE_KEYS.table],
  options: { [POSTGRESQL_TABLE_KEYS.primaryKeys]: 'columns' },
  help: {
    [POSTGRESQL_TABLE_KEYS.namespace]: 'Schema of the table.',
    [POSTGRESQL_TABLE_KEYS.table]: 'Table written to (created when missing).',
    [POSTGRESQL_TABLE_KEYS.primaryKeys]: 'Primary key columns, comma-separated.',
  },
};
