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

const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
};

/**
 * Days since the epoch of a 'yyyy-MM-dd' string with a four-digit year and a month 01-12, by arithmetic (days from
 * the proleptic Gregorian civil date, linear in the day, so day 00 or 31 of a short month rolls over as Date does);
 * NaN for any other string, which asEpochDays takes through Date.
 */
export function isoEpochDays(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const y = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const m = digit(s, 5) * 10 + digit(s, 6);
  const d = digit(s, 8) * 10 + digit(s, 9);
  if (!(m >= 1 && m <= 12) || d !== d) return Number.NaN;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** Days since the epoch: BIRTHDATE values are 'yyyy-MM-dd' strings. */
export function asEpochDays(v: Value): number {
  if (typeof v === 'string') {
    const days = isoEpochDays(v);
    if (days === days) return days;
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
