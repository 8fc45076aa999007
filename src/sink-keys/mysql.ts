/** The model keys the MySQL sink reads: its table's place (src/sinks/sql/table-options.ts reads them by these names). */
import type { SinkModelKeys } from './option-kind.js';

export const MYSQL_TABLE_KEYS = { namespace: 'MYSQL_DATABASE', table: 'MYSQL_TABLE', primaryKeys: 'MYSQL_PRIMARY_KEYS' } as const;

export const MYSQL_MODEL_KEYS: SinkModelKeys = {
  label: 'MySQL / MariaDB',
  tableNames: [MYSQL_TABLE_KEYS.namespace, MYSQL_TABLE_KEYS.table],
  options: { [MYSQL_TABLE_KEYS.primaryKeys]: 'columns' },
  help: {
    [MYSQL_TABLE_KEYS.namespace]: 'Database of the table.',
    [MYSQL_TABLE_KEYS.table]: 'Table written to (created when missing).',
    [MYSQL_TABLE_KEYS.primaryKeys]: 'Primary key columns, comma-separated.',
  },
};
