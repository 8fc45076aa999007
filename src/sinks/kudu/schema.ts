/**
 * The Kudu column type of each field type (docs/kudu.md has the table), by the storage kind the typed formats
 * share (src/sinks/files/column-kinds.ts), and the table's columns: key columns first in key order (Kudu's rule),
 * then the others in model order. A model without KUDU_PRIMARY_KEYS gets a derived key column.
 */
import { columnKind, type ColumnKind } from '../files/column-kinds.js';
import type { Column, FieldType } from '../../model/types.js';

export type KuduType = 'STRING' | 'INT32' | 'INT64' | 'DOUBLE' | 'BOOL' | 'BINARY' | 'UNIXTIME_MICROS' | 'DATE';

const BY_KIND: Record<ColumnKind, KuduType> = {
  string: 'STRING',
  int32: 'INT32',
  int64: 'INT64',
  double: 'DOUBLE',
  boolean: 'BOOL',
  bytes: 'BINARY',
  timestamp: 'UNIXTIME_MICROS',
  date: 'DATE',
};

/** Types Kudu refuses in a primary key. */
export const NOT_KEY_TYPES: readonly KuduType[] = ['BOOL', 'DOUBLE'];

/** The key column of a model without KUDU_PRIMARY_KEYS: "<command>-<batch>-<row>", zero-padded. */
export const ROW_ID_COLUMN = 'datagen_row_id';

export function kuduType(type: FieldType): KuduType {
  return BY_KIND[columnKind(type)];
}

export interface KuduColumn {
  name: string;
  type: KuduType;
  key: boolean;
  /** The model's column, for error messages; absent for the derived key. */
  source?: Column;
  /** The derived row key, whose values the sink makes. */
  derived?: boolean;
}

export function tableColumns(columns: Column[], primaryKeys: string[]): KuduColumn[] {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const keys: KuduColumn[] = primaryKeys.length === 0
    ? [{ name: ROW_ID_COLUMN, type: 'STRING', key: true, derived: true }]
    : primaryKeys.map((k) => ({ name: k, type: kuduType(byName.get(k)!.type), key: true, source: byName.get(k)! }));
  const rest = columns.filter((c) => !primaryKeys.includes(c.name)).map((c): KuduColumn => ({ name: c.name, type: kuduType(c.type), key: false, source: c }));
  return [...keys, ...rest];
}
