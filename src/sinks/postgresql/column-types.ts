/**
 * The PostgreSQL column type of each field type (docs/postgresql.md has the table): by the storage kind the typed
 * file formats share (src/sinks/files/column-kinds.ts), UUID as uuid. Timestamps are timestamptz (the generated
 * instants are UTC), BIRTHDATE a date.
 */
import { columnKind, type ColumnKind } from '../files/column-kinds.js';
import type { FieldType } from '../../model/types.js';

const BY_KIND: Record<ColumnKind, string> = {
  string: 'text',
  int32: 'integer',
  int64: 'bigint',
  double: 'double precision',
  boolean: 'boolean',
  bytes: 'bytea',
  timestamp: 'timestamptz',
  date: 'date',
};

export function postgresType(type: FieldType): string {
  return type === 'UUID' ? 'uuid' : BY_KIND[columnKind(type)];
}
