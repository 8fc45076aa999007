/**
 * What a model tells about the size of one generated row (pure): the sum, over fields, of the largest value each
 * can produce when the model fixes it (a STRING's length, a regex's longest text, the longest possible value),
 * and a small figure for the others. A lower bound for computed fields, whose results the model does not size;
 * enough to refuse a batch that cannot fit in memory before it is generated (BYTES values live outside the JS
 * heap, which a thread's heap limit does not bound).
 */
import type { FieldSpec } from './field-spec.js';
import { stringRegexMaxLength } from './string-regex.js';

/** Numbers, dates, names, references to shared CSV cells... */
const SMALL_VALUE_BYTES = 16;

export interface RowSize {
  bytes: number;
  /** The field of largest known size, if it is larger than a small value. */
  widest?: { path: string; name: string; bytes: number };
}

export function fieldMaxBytes(spec: FieldSpec): number {
  if (spec.possible) return spec.possible.reduce((n, p) => Math.max(n, p.text.length), 0);
  if (spec.computed) return SMALL_VALUE_BYTES;
  switch (spec.type) {
    case 'STRING':
    case 'STRING_AZ':
    case 'BYTES':
      return spec.length;
    case 'STRING_REGEX':
      return spec.regex ? stringRegexMaxLength(spec.regex) : SMALL_VALUE_BYTES;
    default:
      return SMALL_VALUE_BYTES;
  }
}

export function knownRowBytes(specs: FieldSpec[]): RowSize {
  let bytes = 0;
  let widest: RowSize['widest'];
  for (const spec of specs) {
    const b = fieldMaxBytes(spec);
    bytes += b;
    if (b > SMALL_VALUE_BYTES && b > (widest?.bytes ?? 0)) widest = { path: spec.path, name: spec.name, bytes: b };
  }
  return widest ? { bytes, widest } : { bytes };
}
