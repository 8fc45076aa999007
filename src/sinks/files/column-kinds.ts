/**
 * The storage kind of each field type, shared by the typed binary formats (Avro, Parquet) so both map a field
 * type the same way, and the conversions from a generated Value to that kind's JS form.
 */
import type { FieldType, Value } from '../../model/types.js';

export type ColumnKind = 'string' | 'int32' | 'int64' | 'double' | 'boolean' | 'bytes' | 'timestamp' | 'date';

const KINDS: Partial<Record<FieldType, ColumnKind>> = {
  INTEGER: 'int32',
  INCREMENT_INTEGER: 'int32',
  LONG: 'int64',
  INCREMENT_LONG: 'int64',
  FLOAT: 'double',
  BOOLEAN: 'boolean',
  BYTES: 'bytes',
  HASH_MD5: 'bytes',
  TIMESTAMP: 'timestamp',
  DATE: 'timestamp',
  BIRTHDATE: 'date',
};

/** Every other type (STRING, NAME, UUID, DATE_AS_STRING, the LLM types, ...) is text. */
export function columnKind(type: FieldType): ColumnKind {
  return KINDS[type] ?? 'string';
}

const DAY_MS = 86_400_000;
const ISO_DAY = /^(-?\d{4,})-(\d{2})-(\d{2})$/;

function fail(kind: string, v: unknown): never {
  throw new TypeError(`cannot store ${typeof v} ${String(v)} as ${kind}`);
}

export function asString(v: Value): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

export function asInt32(v: Value): number {
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (typeof n === 'number' && Number.isInteger(n) && n >= -2147483648 && n <= 2147483647) return n;
  return fail('a 32-bit integer', v);
}

export function asInt64(v: Value): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return fail('a 64-bit integer', v);
}

export function asDouble(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return fail('a double', v);
}

export function asBoolean(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  return fail('a boolean', v);
}

export function asBytes(v: Value): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') return new TextEncoder().encode(v);
  return fail('bytes', v);
}

/** Milliseconds since the epoch, UTC: TIMESTAMP values are already epoch ms, DATE values are Date objects. */
export function asEpochMillis(v: Value): bigint {
  if (v instanceof Date) {
    const ms = v.getTime();
    if (Number.isNaN(ms)) return fail('a timestamp', v);
    return BigInt(ms);
  }
  if (typeof v === 'number' && Number.isFinite(v)) return BigInt(Math.trunc(v));
  if (typeof v === 'bigint') return v;
  return fail('a timestamp', v);
}

/** Days since the epoch: BIRTHDATE values are 'yyyy-MM-dd' strings. */
export function asEpochDays(v: Value): number {
  if (typeof v === 'string') {
    const m = ISO_DAY.exec(v);
    if (m) {
      const d = new Date(0);
      d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      return Math.round(d.getTime() / DAY_MS);
    }
  }
  if (v instanceof Date && !Number.isNaN(v.getTime())) return Math.floor(v.getTime() / DAY_MS);
  return fail("a date ('yyyy-MM-dd')", v);
}

/** Converts one column's value, naming the column in the error when the value does not fit its storage kind. */
export function convertValue(column: { name: string; type: FieldType }, convert: (v: Value) => unknown, v: Value): unknown {
  try {
    return convert(v);
  } catch (err) {
    throw new TypeError(`column "${column.name}" (${column.type}): ${(err as Error).message}`);
  }
}
