/**
 * Rows to Parquet column data, one loop per storage kind: a value already of its kind's JS form is taken as it is,
 * null and undefined become null, anything else goes through the kind's conversion (column-kinds.ts), which names
 * the column when it does not fit.
 *
 * Text columns hyparquet-writer will write PLAIN are handed over as UTF-8 bytes, views into a few shared buffers:
 * the writer would otherwise TextEncoder.encode each value into its own small ArrayBuffer. The bytes are the same
 * (lone surrogates become U+FFFD either way), and so are statistics (it orders strings by code point, which is the
 * bytes' order) and page boundaries (it sizes pages by encoded bytes). Which columns those are is decided as the
 * writer decides it (useDictionary's sample rejection); a text column it might still dictionary-encode stays
 * strings, which dictionary-encode faster.
 */
import type { Column, Row, Value } from '../../model/types.js';
import {
  asBoolean, asBytes, asDouble, asEpochDays, asEpochMillis, asInt32, asInt64, asString, columnKind, convertValue, isoEpochDays,
  type ColumnKind,
} from './column-kinds.js';

export type ColumnValues = unknown[];

/** Each column kind's conversion to the value Parquet stores (the generic path, and the fast path's fallback). */
export const CONVERT: Record<ColumnKind, (v: Value) => unknown> = {
  string: asString,
  int32: asInt32,
  int64: asInt64,
  double: asDouble,
  boolean: asBoolean,
  bytes: asBytes,
  timestamp: asEpochMillis,
  date: asEpochDays,
};

/** Whether `v` is already the form the kind stores, so it is taken as it is. */
const IS_STORED: Record<ColumnKind, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  int32: (v) => typeof v === 'number' && (v | 0) === v,
  int64: (v) => typeof v === 'bigint',
  double: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  bytes: (v) => v instanceof Uint8Array,
  timestamp: () => false,
  date: () => false,
};

/** One column's values in their stored form. */
export function columnValues(rows: Row[], column: Column): ColumnValues {
  const kind = columnKind(column.type);
  const name = column.name;
  const convert = CONVERT[kind];
  const out = new Array(rows.length);
  if (kind === 'timestamp') {
    for (let r = 0; r < rows.length; r++) {
      const v = rows[r]![name];
      out[r] = typeof v === 'number' && v - v === 0 ? BigInt(Math.trunc(v)) : v === null || v === undefined ? null : convertValue(column, convert, v);
    }
  } else if (kind === 'date') {
    for (let r = 0; r < rows.length; r++) {
      const v = rows[r]![name];
      let days: number;
      out[r] = typeof v === 'string' && (days = isoEpochDays(v)) === days ? days : v === null || v === undefined ? null : convertValue(column, convert, v);
    }
  } else {
    const stored = IS_STORED[kind];
    for (let r = 0; r < rows.length; r++) {
      const v = rows[r]![name];
      out[r] = stored(v) ? v : v === null || v === undefined ? null : convertValue(column, convert, v);
    }
  }
  return out;
}

/**
 * hyparquet-writer's sample rejection of a dictionary (useDictionary): up to 1000 values spread over the column,
 * each distinct one counted once; over 90% distinct bytes (or no bytes at all) means PLAIN.
 */
export function plainBySample(values: ColumnValues): boolean {
  const n = values.length;
  const sampleSize = Math.min(n, 1000);
  const sizes = new Map<unknown, number>();
  let distinct = 0;
  let total = 0;
  for (let i = 0; i < sampleSize; i++) {
    const v = values[sampleSize === 1 ? 0 : Math.floor((i * (n - 1)) / (sampleSize - 1))];
    let size = sizes.get(v);
    if (size === undefined) {
      size = typeof v === 'string' ? v.length + 4 : 0;
      sizes.set(v, size);
      distinct += size;
    }
    total += size;
  }
  return !total || distinct / total > 0.9;
}

const SLAB_BYTES = 1 << 20;

/** Strings as UTF-8 byte views into shared slabs of about 1 MB (nulls stay null). */
export function utf8Values(values: ColumnValues): ColumnValues {
  const out = new Array(values.length);
  let slab = Buffer.allocUnsafe(SLAB_BYTES);
  let pos = 0;
  for (let i = 0; i < values.length; i++) {
    const s = values[i];
    if (typeof s !== 'string') {
      out[i] = s;
      continue;
    }
    const n = s.length;
    if (pos + 3 * n > slab.length) {
      slab = Buffer.allocUnsafe(Math.max(SLAB_BYTES, 3 * n));
      pos = 0;
    }
    let q = pos;
    let j = 0;
    for (; j < n; j++) {
      const c = s.charCodeAt(j);
      if (c >= 0x80) break;
      slab[q++] = c;
    }
    if (j < n) q = pos + slab.write(s, pos, 'utf8');
    out[i] = new Uint8Array(slab.buffer, slab.byteOffset + pos, q - pos);
    pos = q;
  }
  return out;
}
