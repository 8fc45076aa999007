/**
 * Compiled Avro records: for one field list, a function generated once that writes each row's fields straight into
 * a Buffer (union branch, then the value: zigzag varints, IEEE doubles, length-prefixed UTF-8), with no record
 * object per row and no per-value type dispatch. The bytes are avsc's for the same schema (avro-record.ts), quirks
 * included: avsc writes a string of at most 64 UTF-8 bytes with its own loop (a lone surrogate as its 3-byte
 * WTF-8 form) and a longer one with Buffer's encoder (a lone surrogate as U+FFFD).
 * A value off its column's kind or outside a fast path's range hands the whole row to `fallback` (avsc after the
 * generic conversion), so such a row gets avsc's bytes, or avsc's and the conversions' errors.
 *
 * Safety of the generated source: the only model-controlled text in it is each column name, emitted through
 * JSON.stringify (a closed, escaped string literal); everything else is our own code.
 */
import type { Row } from '../../model/types.js';
import type { ColumnKind } from './column-kinds.js';
import { isoEpochDays } from './column-kinds.js';

/** The buffer records are written into; replaced by a larger one (its bytes copied) when a row needs room. */
export interface RecordBuffer {
  buf: Buffer;
  pos: number;
}

/**
 * Writes rows from `start` at `out.pos` until `out.pos` reaches `limit` (checked after each row) or the rows end;
 * returns the index of the first row not written.
 */
export type RecordWriter = (rows: Row[], start: number, out: RecordBuffer, limit: number) => number;

/** Encodes one row at `out.pos` the generic way, growing `out.buf` as needed; returns the position after it. */
export type RowFallback = (row: Row, out: RecordBuffer) => number;

/** Makes room for `need` more bytes after `pos`; returns the (possibly new) buffer. */
export function grow(out: RecordBuffer, pos: number, need: number): Buffer {
  if (pos + need <= out.buf.length) return out.buf;
  const bigger = Buffer.allocUnsafe(Math.max(out.buf.length * 2, pos + need));
  out.buf.copy(bigger, 0, 0, pos);
  out.buf = bigger;
  return bigger;
}

const TWO_52 = 4503599627370496;
const MIN_LONG = -(2n ** 63n);
const MAX_LONG = 2n ** 63n - 1n;

/** The zigzag varint of an integer with |n| <= 2^52 (so 2|n| + 1 is exact in a double). */
export function writeLong(b: Buffer, p: number, n: number): number {
  if (n >= -1073741824 && n < 1073741824) {
    let z = ((n << 1) ^ (n >> 31)) >>> 0;
    while (z > 0x7f) {
      b[p++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
    b[p++] = z;
    return p;
  }
  let z = n >= 0 ? n * 2 : -n * 2 - 1;
  while (z > 0x7f) {
    b[p++] = (z % 128) | 0x80;
    z = Math.floor(z / 128);
  }
  b[p++] = z;
  return p;
}

/** The zigzag varint of a 64-bit long given as a bigint; -1 if it is outside the 64-bit range. */
export function writeBigLong(b: Buffer, p: number, v: bigint): number {
  const n = Number(v);
  if (n >= -TWO_52 && n <= TWO_52) return writeLong(b, p, n);
  if (v < MIN_LONG || v > MAX_LONG) return -1;
  let z = BigInt.asUintN(64, (v << 1n) ^ (v >> 63n));
  while (z > 0x7fn) {
    b[p++] = Number(z & 0x7fn) | 0x80;
    z >>= 7n;
  }
  b[p++] = Number(z);
  return p;
}

/** Node's writeDoubleLE goes through a Float64Array the same way, so NaN payloads and -0 come out alike. */
const F64 = new Float64Array(1);
const F64_BYTES = new Uint8Array(F64.buffer);

export function writeDouble(b: Buffer, p: number, d: number): number {
  F64[0] = d;
  b[p] = F64_BYTES[0]!;
  b[p + 1] = F64_BYTES[1]!;
  b[p + 2] = F64_BYTES[2]!;
  b[p + 3] = F64_BYTES[3]!;
  b[p + 4] = F64_BYTES[4]!;
  b[p + 5] = F64_BYTES[5]!;
  b[p + 6] = F64_BYTES[6]!;
  b[p + 7] = F64_BYTES[7]!;
  return p + 8;
}

/** Over 64 UTF-8 bytes avsc uses Buffer's encoder: lone surrogates become U+FFFD. */
function writeLongString(b: Buffer, p: number, s: string): number {
  const len = Buffer.byteLength(s);
  p = writeLong(b, p, len);
  return p + b.write(s, p, len, 'utf8');
}

/**
 * A string as avsc writes it: its UTF-8 length as a varint, then the bytes. The caller leaves room for
 * 3 bytes per UTF-16 unit plus 10. Short strings are encoded here, after a one-byte length slot.
 */
export function writeString(b: Buffer, p: number, s: string): number {
  const n = s.length;
  if (n > 64) return writeLongString(b, p, s);
  let q = p + 1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      b[q++] = c;
    } else if (c < 0x800) {
      b[q++] = (c >> 6) | 0xc0;
      b[q++] = (c & 0x3f) | 0x80;
    } else if ((c & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      const cp = 0x10000 + ((c & 0x3ff) << 10) + (s.charCodeAt(++i) & 0x3ff);
      b[q++] = (cp >> 18) | 0xf0;
      b[q++] = ((cp >> 12) & 0x3f) | 0x80;
      b[q++] = ((cp >> 6) & 0x3f) | 0x80;
      b[q++] = (cp & 0x3f) | 0x80;
    } else {
      b[q++] = (c >> 12) | 0xe0;
      b[q++] = ((c >> 6) & 0x3f) | 0x80;
      b[q++] = (c & 0x3f) | 0x80;
    }
  }
  const len = q - p - 1;
  if (len < 64) {
    b[p] = len << 1;
    return q;
  }
  if (len === 64) {
    b.copyWithin(p + 2, p + 1, q);
    b[p] = 0x80;
    b[p + 1] = 0x01;
    return q + 1;
  }
  return writeLongString(b, p, s);
}

export function writeBytes(b: Buffer, p: number, v: Uint8Array): number {
  p = writeLong(b, p, v.length);
  b.set(v, p);
  return p + v.length;
}

/** Largest bytes a value of each fixed-size kind takes, union branch included. */
const FIXED_BYTES: Partial<Record<ColumnKind, number>> = { int32: 6, int64: 11, double: 9, boolean: 2, timestamp: 11, date: 6 };

/**
 * Each kind's statement: `v` holds the value; `p` the position, `b` the buffer. A `bail` hands the row over.
 * Branch 1 of ["null", T] is the zigzag varint 2.
 */
function fieldCode(kind: ColumnKind): string {
  const bail = 'else { p = F(r, o, p0); b = o.buf; continue; }';
  const nul = 'else if (v === null || v === undefined) b[p++] = 0;';
  switch (kind) {
    case 'string':
      return `if (typeof v === 'string') { if (p + 3 * v.length + 11 > b.length) b = G(o, p, 3 * v.length + 11); b[p++] = 2; p = S(b, p, v); } ${nul} ${bail}`;
    case 'int32':
      return `if (typeof v === 'number' && (v | 0) === v) { b[p++] = 2; p = L(b, p, v); } ${nul} ${bail}`;
    case 'int64':
      return `if (typeof v === 'bigint' && (q = BL(b, p + 1, v)) > 0) { b[p] = 2; p = q; } ${nul} ${bail}`;
    case 'double':
      return `if (typeof v === 'number') { b[p++] = 2; p = D(b, p, v); } ${nul} ${bail}`;
    case 'boolean':
      return `if (v === true) { b[p++] = 2; b[p++] = 1; } else if (v === false) { b[p++] = 2; b[p++] = 0; } ${nul} ${bail}`;
    case 'bytes':
      return `if (v instanceof Uint8Array) { if (p + v.length + 11 > b.length) b = G(o, p, v.length + 11); b[p++] = 2; p = Y(b, p, v); } ${nul} ${bail}`;
    case 'timestamp':
      // Epoch ms as a number (TIMESTAMP), a Date (DATE) or a bigint; larger than 2^52 ms goes the bigint way.
      return `if (typeof v === 'number' && v - v === 0 && (t = Math.trunc(v)) >= -${TWO_52} && t <= ${TWO_52}) { b[p++] = 2; p = L(b, p, t); }
        else if (v instanceof Date && (t = v.getTime()) >= -${TWO_52} && t <= ${TWO_52}) { b[p++] = 2; p = L(b, p, t); }
        else if (typeof v === 'bigint' && (q = BL(b, p + 1, v)) > 0) { b[p] = 2; p = q; } ${nul} ${bail}`;
    case 'date':
      return `if (typeof v === 'string' && ((t = DAYS(v)) | 0) === t) { b[p++] = 2; p = L(b, p, t); } ${nul} ${bail}`;
  }
}

/** Past this many fields the generated source would be huge: callers keep the generic path. */
export const MAX_COMPILED_FIELDS = 2000;

export function compileAvroRecords(fields: { column: string; kind: ColumnKind }[], fallback: RowFallback): RecordWriter {
  if (fields.length > MAX_COMPILED_FIELDS) throw new RangeError(`${fields.length} fields is more than the compiled record writer takes`);
  const fixed = 1 + fields.reduce((sum, f) => sum + (FIXED_BYTES[f.kind] ?? 0), 0);
  const body = fields.map((f) => `v = r[${JSON.stringify(f.column)}]; ${fieldCode(f.kind)}`).join('\n');
  const source = `'use strict';
    return function writeRecords(rows, start, o, limit) {
      let b = o.buf, p = o.pos, k = start, v, q, t;
      const n = rows.length;
      for (; k < n && p < limit; k++) {
        const r = rows[k];
        const p0 = p;
        if (p + ${fixed} > b.length) b = G(o, p, ${fixed});
        ${body}
      }
      o.buf = b;
      o.pos = p;
      return k;
    };`;
  const fallbackAt = (row: Row, out: RecordBuffer, pos: number): number => {
    out.pos = pos;
    return fallback(row, out);
  };
  return new Function('G', 'S', 'L', 'BL', 'D', 'Y', 'DAYS', 'F', source)(
    grow, writeString, writeLong, writeBigLong, writeDouble, writeBytes, isoEpochDays, fallbackAt,
  ) as RecordWriter;
}
