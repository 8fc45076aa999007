/**
 * Compiled text encoders: for one output format and one column list, a function generated once that turns a chunk
 * of rows into the file text. Keys, headers and separators are escaped at compile time and each column's value is
 * formatted by a function chosen from its column kind, so a row costs one property read, one type guard and one
 * concatenation per column: no generic JSON.stringify of row objects, no per-value switch on the value's type.
 * A value off its column's type (a LINK copying a number into a text column) falls back to the generic jsonText /
 * csvCell, so the text is the same as the generic encoders' (json-encoder.ts, csv-encoder.ts) for every value.
 *
 * Safety of the generated source: the only model-controlled text in it is each column name, emitted through
 * JSON.stringify, which always yields a closed, fully escaped string literal; everything else is our own code.
 */
import type { Column, FieldType, Row, Value } from '../../model/types.js';
import { toHex } from '../../model/hex.js';
import { columnKind } from './column-kinds.js';
import { csvCell, csvField } from './csv-encoder.js';
import { floatText } from './float-text.js';
import { jsonText } from './json-encoder.js';

/** The text of rows[from, to) (default: all of them). */
export type ChunkEncoder = (rows: Row[], from?: number, to?: number) => string;
type Cell = (v: Value | undefined) => string;

/** Characters JSON.stringify escapes in a string: a string without any is written between quotes as it is. */
const JSON_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const CSV_QUOTE = /[",\r\n]/;

const json = {
  string: (v: Value | undefined) => (typeof v === 'string' ? (JSON_ESCAPE.test(v) ? JSON.stringify(v) : '"' + v + '"') : jsonText(v)),
  number: (v: Value | undefined) => (typeof v === 'number' ? (v - v === 0 ? '' + v : 'null') : jsonText(v)),
  // JSON.stringify of a non-integral number is its String() form, and faster in V8.
  double: (v: Value | undefined) => (typeof v === 'number' ? (v - v === 0 ? (Number.isInteger(v) ? floatText(v) : JSON.stringify(v)) : 'null') : jsonText(v)),
  long: (v: Value | undefined) => (typeof v === 'bigint' ? v.toString() : jsonText(v)),
  boolean: (v: Value | undefined) => (v === true ? 'true' : v === false ? 'false' : jsonText(v)),
  date: (v: Value | undefined) => (v instanceof Date ? (v.getTime() === v.getTime() ? '"' + v.toISOString() + '"' : 'null') : jsonText(v)),
  bytes: (v: Value | undefined) => (v instanceof Uint8Array ? '"' + toHex(v) + '"' : jsonText(v)),
} satisfies Record<string, Cell>;

const csv = {
  string: (v: Value | undefined) => (typeof v === 'string' ? (v === '' ? '""' : CSV_QUOTE.test(v) ? csvField(v) : v) : csvCell(v)),
  number: (v: Value | undefined) => (typeof v === 'number' ? (v - v === 0 ? '' + v : '') : csvCell(v)),
  double: (v: Value | undefined) => (typeof v === 'number' ? (v - v === 0 ? floatText(v) : '') : csvCell(v)),
  long: (v: Value | undefined) => (typeof v === 'bigint' ? v.toString() : csvCell(v)),
  boolean: (v: Value | undefined) => (v === true ? 'true' : v === false ? 'false' : csvCell(v)),
  date: (v: Value | undefined) => (v instanceof Date ? (v.getTime() === v.getTime() ? v.toISOString() : '') : csvCell(v)),
  bytes: (v: Value | undefined) => (v instanceof Uint8Array ? toHex(v) : csvCell(v)),
} satisfies Record<string, Cell>;

type CellKind = keyof typeof json;

/** The value form a field type generates (types.ts, Value): TIMESTAMP is epoch ms, DATE a Date, BIRTHDATE text. */
function cellKind(type: FieldType): CellKind {
  if (type === 'DATE') return 'date';
  switch (columnKind(type)) {
    case 'int32':
    case 'timestamp':
      return 'number';
    case 'int64':
      return 'long';
    case 'double':
      return 'double';
    case 'boolean':
      return 'boolean';
    case 'bytes':
      return 'bytes';
    default:
      return 'string';
  }
}

/** Past this many columns the generated source would be huge: a loop over closures instead. */
const MAX_UNROLLED = 2000;

/**
 * One encoder: each row is `prefixes[0] + cell0(row[name0]) + prefixes[1] + cell1(...) + ... + suffix`.
 * Generated with the column reads and separators unrolled, so V8 sees constant keys and inlines the cells.
 */
function compile(names: string[], cells: Cell[], prefixes: string[], suffix: string): ChunkEncoder {
  if (names.length > MAX_UNROLLED) {
    return (rows, from = 0, to = rows.length) => {
      let out = '';
      for (let k = from; k < to; k++) {
        const row = rows[k]!;
        let line = '';
        for (let i = 0; i < names.length; i++) line += prefixes[i]! + cells[i]!(row[names[i]!]);
        out += line + suffix;
      }
      return out;
    };
  }
  // JSON text columns: a string needing no escape is written between quotes merged into the constant around it.
  const parts = names.map((n, i) => {
    const read = `(v = r[${JSON.stringify(n)}])`;
    if (cells[i] !== json.string) return `${JSON.stringify(prefixes[i])} + c${i}${read}`;
    return `(typeof ${read} === 'string' && !ESC.test(v) ? ${JSON.stringify(prefixes[i] + '"')} + v + '"' : ${JSON.stringify(prefixes[i])} + c${i}(v))`;
  });
  const line = [...parts, JSON.stringify(suffix)].join(' + ');
  const body = `'use strict'; return function encode(rows, from = 0, to = rows.length) { let out = ''; let v; for (let k = from; k < to; k++) { const r = rows[k]; out += ${line}; } return out; };`;
  const params = cells.map((_, i) => `c${i}`);
  return new Function('ESC', ...params, body)(JSON_ESCAPE, ...cells) as ChunkEncoder;
}

/** JSON Lines: the same text as jsonLinesEncoder(columns) ("\n" after every row, typed values). */
export function compileJsonLines(columns: Column[]): ChunkEncoder {
  if (!columns.length) return (rows, from = 0, to = rows.length) => '{}\n'.repeat(to - from);
  return compile(
    columns.map((c) => c.name),
    columns.map((c) => json[cellKind(c.type)]),
    columns.map((c, i) => (i === 0 ? '{' : ',') + JSON.stringify(c.name) + ':'),
    '}\n',
  );
}

/** CSV records ending in CRLF, no header: the same text as csvEncoder(columns). */
export function compileCsv(columns: Column[]): ChunkEncoder {
  if (!columns.length) return (rows, from = 0, to = rows.length) => '\r\n'.repeat(to - from);
  return compile(
    columns.map((c) => c.name),
    columns.map((c) => csv[cellKind(c.type)]),
    columns.map((_, i) => (i === 0 ? '' : ',')),
    '\r\n',
  );
}

/** Compiled once per process, format and column list: a worker runs many batches of few models. */
const cache = new Map<string, ChunkEncoder>();
const CACHE_SIZE = 64;

export function compiledEncoder(format: 'json' | 'csv', columns: Column[]): ChunkEncoder {
  const key = format + JSON.stringify(columns.map((c) => [c.name, c.type]));
  let encoder = cache.get(key);
  if (encoder) {
    cache.delete(key);
  } else {
    encoder = format === 'json' ? compileJsonLines(columns) : compileCsv(columns);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, encoder); // most recently used last
  return encoder;
}
