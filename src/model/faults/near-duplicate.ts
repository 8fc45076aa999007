/**
 * A near duplicate's changed value (pure): close to the original, as a re-keyed or re-typed record is: a text with
 * two neighbouring characters swapped (or its case changed), a number one step off, an instant a second off, a
 * BIRTHDATE a day off.
 */
import { formatDay, parseDay } from '../dates.js';
import type { Value } from '../types.js';
import type { ValueKind } from './value-kinds.js';

const INT_MAX = 2147483647;
const LONG_MAX = 9223372036854775807n;

function nearText(v: string, u: number): string {
  if (v === '') return ' ';
  const i = Math.floor(u * Math.max(1, v.length - 1));
  const swapped = v.length > 1 ? v.slice(0, i) + v[i + 1] + v[i] + v.slice(i + 2) : v;
  if (swapped !== v) return swapped;
  const recased = v.slice(0, i) + (v[i] === v[i]!.toUpperCase() ? v[i]!.toLowerCase() : v[i]!.toUpperCase()) + v.slice(i + 1);
  return recased !== v ? recased : v + ' ';
}

const HEX = '0123456789abcdef';
/** Hex digits of a v4 UUID that are neither a dash nor its version (14) or variant (19) digit. */
const FREE = [...Array(36).keys()].filter((i) => ![8, 13, 14, 18, 19, 23].includes(i));

/** One free hex digit of a UUID one step on: still a valid v4 UUID (a swap could move a dash). */
function nearUuid(v: string, u: number): string {
  const i = FREE[Math.floor(u * FREE.length)]!;
  const d = HEX.indexOf(v[i]!.toLowerCase());
  return d < 0 ? nearText(v, u) : v.slice(0, i) + HEX[(d + 1) % 16] + v.slice(i + 1);
}

/** `kind`: the field's; a BIRTHDATE's text is a date to typed outputs, so it moves a day instead. */
export function nearValue(v: Value, u: number, kind: ValueKind): Value {
  if (typeof v === 'string' && kind === 'uuid' && v.length === 36) return nearUuid(v, u);
  if (typeof v === 'string' && kind === 'day') {
    const day = parseDay(v);
    if (day !== undefined) return formatDay(day + (u < 0.5 ? -1 : 1));
  }
  if (typeof v === 'string') return nearText(v, u);
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return v * (1 + (u < 0.5 ? -1 : 1) * 0.001);
    return v >= INT_MAX ? v - 1 : v + 1;
  }
  if (typeof v === 'bigint') return v >= LONG_MAX ? v - 1n : v + 1n;
  if (typeof v === 'boolean') return !v;
  if (v instanceof Date) return new Date(v.getTime() + 1000);
  if (v instanceof Uint8Array) {
    const copy = v.slice();
    if (copy.length) copy[Math.floor(u * copy.length)] ^= 1;
    return copy;
  }
  return v;
}
