/** The text form of a value, as placeholders, conditions and links see it. */
import { toHex } from './hex.js';
import type { Value } from './types.js';

export function valueText(v: Value): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return toHex(v);
  return String(v);
}
