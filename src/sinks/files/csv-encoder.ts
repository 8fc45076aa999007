/**
 * RFC 4180 CSV: comma separated, CRLF line ends, a field is quoted when it holds a quote, comma, CR or LF, and
 * quotes inside are doubled. null is an empty field; an empty string is written "" so readers can tell them apart.
 */
import type { Column, Row, Value } from '../../model/types.js';
import { columnKind } from './column-kinds.js';
import { floatText } from './float-text.js';
import { toHex } from '../../model/hex.js';

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(text: string): string {
  if (text === '') return '""';
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One value as a CSV field: the same text forms as JSON Lines (ISO dates, upper-case hex bytes). */
export function csvCell(v: Value | undefined): string {
  switch (typeof v) {
    case 'string':
      return csvField(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : '';
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      if (v === null || v === undefined) return '';
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
      if (v instanceof Uint8Array) return toHex(v);
      return csvField(String(v));
  }
}

export function csvHeader(columns: Column[]): string {
  return columns.map((c) => csvField(c.name)).join(',') + '\r\n';
}

/** FLOAT columns: integral values written with ".0" so readers infer a floating-point column. */
function floatCell(v: Value | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? floatText(v) : csvCell(v);
}

/** Encodes rows as CSV records, each ending in CRLF (no header). */
export function csvEncoder(columns: Column[]): (rows: Row[]) => string {
  const names = columns.map((c) => c.name);
  const cells = columns.map((c) => (columnKind(c.type) === 'double' ? floatCell : csvCell));
  return (rows) => {
    let out = '';
    for (const row of rows) {
      let line = '';
      for (let i = 0; i < names.length; i++) line += (i ? ',' : '') + cells[i]!(row[names[i]!]);
      out += line + '\r\n';
    }
    return out;
  };
}
