/**
 * Rows as the input of LOAD DATA LOCAL INFILE, and the statement that reads them: fields separated by commas,
 * text always enclosed in double quotes with \ " and line breaks escaped by \ (so "" is an empty string and the
 * unquoted \N is NULL), booleans 1/0, timestamps 'yyyy-MM-dd HH:mm:ss.SSS' UTC, bytes as hex read through
 * UNHEX(@var). CHARACTER SET binary: the UTF-8 bytes go into the utf8mb4 columns as they are.
 */
import type { Column, Row, Value } from '../../model/types.js';
import { toHex } from '../../model/hex.js';
import { asEpochMillis, columnKind, convertValue } from '../files/column-kinds.js';
import { lineEncoder, type Cell } from '../sql/line-encoder.js';

const NULL = '\\N';

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\0': '\\0' };
const text = (s: string) => `"${s.replace(/[\\"\n\r\0]/g, (c) => ESCAPES[c]!)}"`;

/** 'yyyy-MM-dd HH:mm:ss.SSS' in UTC: a DATETIME literal. */
export function datetimeText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
}

function cellOf(column: Column): Cell {
  const kind = columnKind(column.type);
  return (v) => {
    if (v === null || v === undefined) return NULL;
    switch (kind) {
      case 'bytes':
        return v instanceof Uint8Array ? toHex(v) : toHex(new TextEncoder().encode(String(v)));
      case 'timestamp':
        return datetimeText(Number(convertValue(column, asEpochMillis, v)));
      case 'boolean':
        return v === true ? '1' : v === false ? '0' : text(String(v));
      case 'int32':
      case 'int64':
      case 'double':
        return typeof v === 'number' ? (Number.isFinite(v) ? String(v) : NULL) : typeof v === 'bigint' ? v.toString() : text(String(v));
      default:
        return text(v instanceof Date ? v.toISOString() : String(v));
    }
  };
}

/** Encodes rows as LOAD DATA lines, each ending in \n. */
export function loadDataEncoder(columns: Column[]): (rows: Row[]) => string {
  return lineEncoder(columns, cellOf);
}

export const quoteName = (name: string) => `\`${name.replace(/`/g, '``')}\``;

/** The LOAD DATA statement for `table` (already quoted) and these columns. */
export function loadDataSql(table: string, columns: Column[]): string {
  const targets: string[] = [];
  const sets: string[] = [];
  columns.forEach((c, i) => {
    if (columnKind(c.type) === 'bytes') {
      targets.push(`@v${i}`);
      sets.push(`${quoteName(c.name)} = UNHEX(@v${i})`);
    } else targets.push(quoteName(c.name));
  });
  return `LOAD DATA LOCAL INFILE 'datagen-batch' INTO TABLE ${table} CHARACTER SET binary ` +
    `FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ` +
    `(${targets.join(', ')})${sets.length ? ` SET ${sets.join(', ')}` : ''}`;
}

/** One row as the values of a multi-row INSERT (mysql2 escapes them): Buffers, DATETIME text, exact 64-bit text. */
export function insertValues(columns: Column[]): (row: Row) => unknown[] {
  const convert = columns.map((c) => {
    const kind = columnKind(c.type);
    return (v: Value | undefined): unknown => {
      if (v === null || v === undefined) return null;
      if (kind === 'timestamp') return datetimeText(Number(convertValue(c, asEpochMillis, v)));
      if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      if (typeof v === 'bigint') return v.toString();
      if (typeof v === 'number' && !Number.isFinite(v)) return null;
      if (v instanceof Date) return v.toISOString();
      return v;
    };
  });
  return (row) => columns.map((c, i) => convert[i]!(row[c.name]));
}
