/**
 * A value's text form, shared by Kafka keys and HBase cells: the same text as the CSV and JSON file sinks
 * (numbers and 64-bit integers exact, Dates ISO-8601 UTC, bytes upper-case hex). null has none.
 */
import type { Value } from '../../model/types.js';
import { toHex } from '../../model/hex.js';

export function textForm(v: Value | undefined): string | null {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'bigint':
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      if (v === null || v === undefined) return null;
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
      if (v instanceof Uint8Array) return toHex(v);
      return String(v);
  }
}
