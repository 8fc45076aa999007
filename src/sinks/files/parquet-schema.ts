/**
 * Parquet schema of a model's rows: one OPTIONAL leaf per output column with physical and logical types
 * (strings UTF8, INT32/INT64, DOUBLE, BOOLEAN, BYTE_ARRAY, TIMESTAMP(MILLIS, UTC), DATE).
 */
import type { ParquetWriter } from 'hyparquet-writer';
import type { Column } from '../../model/types.js';
import { columnKind, type ColumnKind } from './column-kinds.js';

/** hyparquet-writer's own SchemaElement (it bundles its own hyparquet version). */
export type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];

const ELEMENTS: Record<ColumnKind, Omit<SchemaElement, 'name'>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
  int32: { type: 'INT32' },
  int64: { type: 'INT64' },
  double: { type: 'DOUBLE' },
  boolean: { type: 'BOOLEAN' },
  bytes: { type: 'BYTE_ARRAY' },
  timestamp: {
    type: 'INT64',
    converted_type: 'TIMESTAMP_MILLIS',
    logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
  },
  date: { type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } },
};

export function parquetSchema(columns: Column[]): SchemaElement[] {
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map((c): SchemaElement => ({ name: c.name, repetition_type: 'OPTIONAL', ...ELEMENTS[columnKind(c.type)] })),
  ];
}
