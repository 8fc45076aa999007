/**
 * What a field's values are, as far as faults go: which malformed kinds fit them, in any output and in typed
 * outputs (Avro, Parquet, ORC, SQL, ...), where a value of the wrong type could not be stored.
 */
import type { FieldType } from '../types.js';

export const MALFORMED_KINDS = ['wrong_type', 'truncated', 'out_of_range'] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

export type ValueKind = 'int' | 'long' | 'float' | 'timestamp' | 'date' | 'day' | 'boolean' | 'bytes' | 'uuid' | 'text';

const KINDS: Partial<Record<FieldType, ValueKind>> = {
  INTEGER: 'int', INCREMENT_INTEGER: 'int', LONG: 'long', INCREMENT_LONG: 'long', FLOAT: 'float',
  TIMESTAMP: 'timestamp', DATE: 'date', BIRTHDATE: 'day', BOOLEAN: 'boolean', BYTES: 'bytes', HASH_MD5: 'bytes',
  UUID: 'uuid',
};

export function valueKind(type: FieldType): ValueKind {
  return KINDS[type] ?? 'text';
}

const FITTING: Record<ValueKind, readonly MalformedKind[]> = {
  int: MALFORMED_KINDS, long: MALFORMED_KINDS, float: MALFORMED_KINDS, timestamp: MALFORMED_KINDS, date: MALFORMED_KINDS,
  text: MALFORMED_KINDS, day: MALFORMED_KINDS, boolean: ['wrong_type'], bytes: ['wrong_type', 'truncated'], uuid: MALFORMED_KINDS,
};

/**
 * Kinds a typed column still stores: no wrong type, a truncated day would not read as a date, and a UUID column
 * (PostgreSQL's uuid, MySQL's CHAR(36)) holds 36 hex digits and dashes only: its out of range is a wrong version.
 */
const TYPED: Record<ValueKind, readonly MalformedKind[]> = {
  int: ['truncated', 'out_of_range'], long: ['truncated', 'out_of_range'], float: ['truncated', 'out_of_range'],
  timestamp: ['truncated', 'out_of_range'], date: ['truncated', 'out_of_range'], text: ['truncated', 'out_of_range'],
  day: ['out_of_range'], boolean: [], bytes: ['truncated'], uuid: ['out_of_range'],
};

/** The malformed kinds a value of `kind` may take; `typed`: the output stores typed columns. */
export function fittingKinds(kind: ValueKind, typed: boolean): readonly MalformedKind[] {
  return typed ? TYPED[kind] : FITTING[kind];
}

/** Types whose values are text a reader can see empty (a BIRTHDATE is a date to typed outputs). */
export function acceptsEmpty(type: FieldType): boolean {
  const kind = valueKind(type);
  return kind === 'text' || kind === 'uuid';
}

/** Whether an empty value of `kind` can be stored: a typed UUID column holds no empty UUID. */
export function emptyFits(kind: ValueKind, typed: boolean): boolean {
  return !(typed && kind === 'uuid');
}

/** Types whose values are instants an event stream can deliver late. */
export function acceptsLate(type: FieldType): boolean {
  return type === 'TIMESTAMP' || type === 'DATE';
}
