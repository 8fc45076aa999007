/**
 * Rows as the input of COPY … FROM STDIN (FORMAT csv): PostgreSQL's defaults, comma, double quotes, null an
 * unquoted empty field, so an empty string is written "". Values in the text forms PostgreSQL reads for the
 * column types of column-types.ts: timestamps ISO-8601 UTC, bytes as \x hex (bytea), BIRTHDATE as written.
 * A field reading \. alone would end the data: it is quoted.
 */
import type { Column, Row } from '../../model/types.js';
import { toHex } from '../../model/hex.js';
import { asEpochMillis, columnKind, convertValue } from '../files/column-kinds.js';
import { csvCell, csvField } from '../files/csv-encoder.js';
import { lineEncoder, type Cell } from '../sql/line-encoder.js';

const textCell: Cell = (v) => (v === '\\.' ? '"\\."' : csvCell(v));
const bytesCell: Cell = (v) => (v instanceof Uint8Array ? `\\x${toHex(v)}` : v === null || v === undefined ? '' : csvField(String(v)));

function cellOf(column: Column): Cell {
  switch (columnKind(column.type)) {
    case 'bytes':
      return bytesCell;
    case 'timestamp':
      return (v) => (v === null || v === undefined ? '' : new Date(Number(convertValue(column, asEpochMillis, v))).toISOString());
    case 'string':
      return textCell;
    default:
      return csvCell;
  }
}

/** Encodes rows as COPY CSV lines, each ending in \n. */
export function copyCsvEncoder(columns: Column[]): (rows: Row[]) => string {
  return lineEncoder(columns, cellOf);
}
