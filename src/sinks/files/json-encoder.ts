/**
 * JSON Lines: one object per row, typed values. Hand-built text rather than JSON.stringify so 64-bit integers
 * (bigint) are written as exact JSON numbers, which readers such as pyarrow and DuckDB parse as int64.
 */
import type { Column, Row, Value } from '../../model/types.js';
import { columnKind } from './column-kinds.js';
import { floatText } from './float-text.js';
import { toHex } from '../../model/hex.js';

/** One value as JSON text. Non-finite numbers have no JSON form and become null. */
export function jsonText(v: Value | undefined): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      if (v === null || v === undefined) return 'null';
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'null' : `"${v.toISOString()}"`;
      if (v instanceof Uint8Array) return `"${toHex(v)}"`;
      return JSON.stringify(v);
  }
}

/** Marks a bigint beyond ±2^53: JSON.stringify would round it, so that row takes the exact text path. */
const UNSAFE = Symbol('unsafe bigint');

/** A value JSON.stringify writes exactly as jsonText() would (Dates via toJSON, non-finite numbers as null). */
function plain(v: Value | undefined): unknown {
  if (typeof v === 'bigint') {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : UNSAFE;
  }
  if (v instanceof Uint8Array) return toHex(v);
  return v === undefined ? null : v;
}

/** FLOAT columns: integral values need the exact path, which writes them with ".0". */
function floatJson(v: Value | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? floatText(v) : jsonText(v);
}

/**
 * Encodes rows as JSON Lines ("\n" after every row). Fast path: JSON.stringify (V8's serializer beats hand-built
 * text) on the row itself, or on a copy with bigints and bytes made JSON-ready. A row holding a bigint beyond ±2^53
 * or an integral FLOAT value is built by hand instead, exactly.
 */
export function jsonLinesEncoder(columns: Column[]): (rows: Row[]) => string {
  const keys = columns.map((c, i) => (i === 0 ? '{' : ',') + JSON.stringify(c.name) + ':');
  const names = columns.map((c) => c.name);
  const texts = columns.map((c) => (columnKind(c.type) === 'double' ? floatJson : jsonText));
  const floats = columns.filter((c) => columnKind(c.type) === 'double').map((c) => c.name);
  const exact = (row: Row): string => {
    let line = '';
    for (let i = 0; i < names.length; i++) line += keys[i] + texts[i]!(row[names[i]!]);
    return names.length ? line + '}' : '{}';
  };
  const integralFloat = (row: Row): boolean => {
    for (const name of floats) {
      const v = row[name];
      if (typeof v === 'number' && Number.isInteger(v)) return true;
    }
    return false;
  };
  // Assigning o['__proto__'] would set a prototype, not a key.
  if (names.includes('__proto__')) return (rows) => rows.map((row) => exact(row) + '\n').join('');
  // Without bigint or byte columns a row is already JSON-ready: stringify it as it is, when its keys are exactly
  // the columns in order (rows of a batch share one shape: the RowGenerator builds them in model order).
  const direct = columns.every((c) => !['int64', 'bytes'].includes(columnKind(c.type)));
  const sameShape = (row: Row | undefined) => {
    if (!row) return false;
    const keys = Object.keys(row);
    return keys.length === names.length && keys.every((k, i) => k === names[i]);
  };
  return (rows) => {
    let out = '';
    if (direct && sameShape(rows[0])) {
      try {
        for (const row of rows) out += (integralFloat(row) ? exact(row) : JSON.stringify(row)) + '\n';
        return out;
      } catch {
        out = ''; // a value off its column's type (a bigint in a text column): take the exact path
      }
    }
    for (const row of rows) {
      if (integralFloat(row)) {
        out += exact(row) + '\n';
        continue;
      }
      const o: Record<string, unknown> = {};
      let unsafe = false;
      for (const name of names) {
        const v = plain(row[name]);
        if (v === UNSAFE) unsafe = true;
        o[name] = v;
      }
      out += (unsafe ? exact(row) : JSON.stringify(o)) + '\n';
    }
    return out;
  };
}
