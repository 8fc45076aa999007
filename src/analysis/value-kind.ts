/**
 * What one sampled value looks like, whatever the source gave (typed values from Avro, Parquet or a database;
 * text from CSV): the kind decides the column's type, the number its range. Pure.
 */
import { parseDay, parseInstant } from '../model/dates.js';

export type ValueKind = 'boolean' | 'integer' | 'float' | 'instant' | 'day' | 'bytes' | 'text';

export interface Classified {
  kind: ValueKind;
  /** integer: the value (bigint keeps 64-bit values exact); float: the number; instant: epoch ms; day: epoch days. */
  number?: number;
  big?: bigint;
  /** The value as text (the key of the distinct-value map and of the text sample). */
  text: string;
}

const INTEGER_TEXT = /^[-+]?(0|[1-9]\d*)$/;
/** No leading zero before other digits: "007" and "01234" are codes, kept as text. */
const FLOAT_TEXT = /^[-+]?((0|[1-9]\d*)(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const DAY_TEXT = /^(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})$/;
const INSTANT_TEXT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function integer(big: bigint, text: string): Classified {
  return { kind: 'integer', big, number: Number(big), text };
}

/** A value read as text (CSV cells, JSON strings, database text columns). */
export function classifyText(text: string): Classified {
  const t = text.trim();
  if (/^(true|false)$/i.test(t)) return { kind: 'boolean', text: t.toLowerCase() };
  if (INTEGER_TEXT.test(t)) {
    const big = BigInt(t.replace('+', ''));
    if (big >= INT64_MIN && big <= INT64_MAX) return integer(big, big.toString());
  }
  if (FLOAT_TEXT.test(t) && Number.isFinite(Number(t))) return { kind: 'float', number: Number(t), text: t };
  if (DAY_TEXT.test(t)) {
    const day = parseDay(t);
    if (day !== undefined) return { kind: 'day', number: day, text: t };
  }
  if (INSTANT_TEXT.test(t)) {
    const ms = parseInstant(t);
    if (ms !== undefined) return { kind: 'instant', number: ms, text: t };
  }
  return { kind: 'text', text };
}

/** Any value a source gives; null and undefined (and the empty text) are nulls, answered as undefined. */
export function classify(value: unknown): Classified | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  switch (typeof value) {
    case 'string':
      return classifyText(value);
    case 'boolean':
      return { kind: 'boolean', text: String(value) };
    case 'bigint':
      return integer(value, value.toString());
    case 'number':
      if (!Number.isFinite(value)) return undefined;
      return Number.isInteger(value) ? integer(BigInt(value), String(value)) : { kind: 'float', number: value, text: String(value) };
    default:
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : { kind: 'instant', number: value.getTime(), text: value.toISOString() };
      if (value instanceof Uint8Array) return { kind: 'bytes', number: value.length, text: Buffer.from(value).toString('hex').toUpperCase() };
      return { kind: 'text', text: JSON.stringify(value) };
  }
}
