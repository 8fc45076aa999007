/**
 * JSON Lines: one object per row, typed values. Hand-built text rather than JSON.stringify so 64-bit integers
 * (bigint) are written as exact JSON numbers, which readers such as pyarrow and DuckDB parse as int64.
 */
import type { Column, Row, Value } from '../../model/types.js';
import { toHex } from './hex.js';

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

/** Encodes rows as JSON Lines ("\n" after every row). */
export function jsonLinesEncoder(columns: Column[]): (rows: Row[]) => string {
  const keys = columns.map((c, i) => (i === 0 ? '{' : ',') + JSON.stringify(c.name) + ':');
  const names = columns.map((c) => c.name);
  return (rows) => {
    let out = '';
    for (const row of rows) {
      let line = '';
      for (let i = 0; i < names.length; i++) line += keys[i] + jsonText(row[names[i]!]);
      out += (names.length ? line + '}' : '{}') + '\n';
    }
    return out;
  };
}
