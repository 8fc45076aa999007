/**
 * The MySQL/MariaDB column type of each field type (docs/mysql.md has the table): by the storage kind the typed
 * file formats share (src/sinks/files/column-kinds.ts), UUID as CHAR(36). Text and bytes are TEXT and LONGBLOB,
 * or VARCHAR(255) and VARBINARY(255) in a primary key (MySQL indexes no TEXT or BLOB without a prefix length).
 * Timestamps are DATETIME(3), written in UTC (TIMESTAMP would stop at 2038).
 */
import { columnKind, type ColumnKind } from '../files/column-kinds.js';
import type { FieldType } from '../../model/types.js';

const BY_KIND: Record<ColumnKind, string> = {
  string: 'TEXT',
  int32: 'INT',
  int64: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  bytes: 'LONGBLOB',
  timestamp: 'DATETIME(3)',
  date: 'DATE',
};

const IN_KEY: Partial<Record<ColumnKind, string>> = { string: 'VARCHAR(255)', bytes: 'VARBINARY(255)' };

export function mysqlType(type: FieldType, inPrimaryKey = false): string {
  if (type === 'UUID') return 'CHAR(36)';
  const kind = columnKind(type);
  return (inPrimaryKey ? IN_KEY[kind] : undefined) ?? BY_KIND[kind];
}
