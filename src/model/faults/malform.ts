/**
 * A malformed value of one kind (pure): `u` in [0, 1) from the fault stream picks among the possible ones.
 * wrong_type: text where a number, date or boolean is expected, a number where text is; truncated: digits, decimals,
 * characters or bytes cut off (a TIMESTAMP in seconds, a DATE at midnight); out_of_range: past the field's
 * bounds but within its storage type (a longer text than its length, a day before its min_date, a UUID of a version
 * that is not 4).
 */
import { formatDay, parseDay } from '../dates.js';
import { DATE_DEFAULTS, dayRange, instantRange } from '../fields/temporal.js';
import { floatRange, integerRange, longRange } from '../fields/numbers.js';
import type { Value } from '../types.js';
import type { FieldFaults } from './fault-spec.js';
import type { MalformedKind } from './value-kinds.js';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -9223372036854775808n;
const LONG_MAX = 9223372036854775807n;
const YEAR_MS = 365 * 86_400_000;
const DAY_MS = 86_400_000;
const NOT_NUMBERS = ['n/a', 'NaN', '#VALUE!', 'unknown'];
const NOT_BOOLEANS = ['yes', 'no', 'Y', 'N', '1', '0'];
/** Version digits a random (v4) UUID never has. */
const BAD_VERSIONS = '0123';

/** A number outside [lo, hi] within [typeLo, typeHi]: above hi if there is room, else below lo, else hi itself. */
function outside(lo: number, hi: number, typeLo: number, typeHi: number, u: number, whole: boolean): number {
  const span = Math.max(1, Math.min(hi - lo, 1e6));
  const step = 1 + (whole ? Math.floor(u * span) : u * span);
  if (hi + step <= typeHi) return hi + step;
  if (lo - step >= typeLo) return lo - step;
  return hi < typeHi ? typeHi : lo > typeLo ? typeLo : hi;
}

function outsideBig(lo: bigint, hi: bigint, u: number): bigint {
  const step = 1n + BigInt(Math.floor(u * 1e6));
  if (hi <= LONG_MAX - step) return hi + step;
  if (lo >= LONG_MIN + step) return lo - step;
  return hi;
}

function wrongType(v: Value, f: FieldFaults, u: number): Value {
  switch (f.kind) {
    case 'boolean': return NOT_BOOLEANS[Math.floor(u * NOT_BOOLEANS.length)]!;
    case 'timestamp': return typeof v === 'number' ? new Date(v).toISOString() : String(v);
    case 'date': return v instanceof Date ? v.getTime() : String(v);
    case 'day': return typeof v === 'string' ? Number(v.replace(/-/g, '')) : String(v);
    case 'text': case 'uuid': return Math.floor(u * 1_000_000);
    case 'bytes': return 'not bytes';
    default: return u < 0.5 ? NOT_NUMBERS[Math.floor(u * 2 * NOT_NUMBERS.length)]! : String(v);
  }
}

function truncated(v: Value, u: number, kind: FieldFaults['kind']): Value {
  // A text keeps at least a character, so it reads as cut rather than empty.
  if (typeof v === 'string') return v.length < 2 ? '' : v.slice(0, 1 + Math.floor(u * (v.length - 1)));
  if (typeof v === 'bigint') return v / 10n;
  if (v instanceof Uint8Array) return v.slice(0, Math.floor(u * v.length));
  if (v instanceof Date) return new Date(Math.floor(v.getTime() / DAY_MS) * DAY_MS);
  if (typeof v === 'number') return kind === 'timestamp' ? Math.floor(v / 1000) : kind === 'float' ? Math.trunc(v) : Math.trunc(v / 10);
  return v;
}

function outOfRange(v: Value, f: FieldFaults, u: number): Value {
  const s = f.spec;
  switch (f.kind) {
    case 'int': { const [lo, hi] = integerRange(s); return outside(lo, hi, INT_MIN, INT_MAX, u, true); }
    case 'long': { const [lo, hi] = longRange(s); return outsideBig(lo, hi, u); }
    case 'float': { const [lo, hi] = floatRange(s); return outside(lo, hi, -Number.MAX_VALUE, Number.MAX_VALUE, u, false); }
    // A TIMESTAMP is the row's instant: out of range is centuries ahead of any clock.
    case 'timestamp': return DATE_DEFAULTS[1] - Math.floor(u * YEAR_MS);
    case 'date': {
      const [lo, hi] = instantRange(s);
      const step = 1000 + Math.floor(u * YEAR_MS);
      return new Date(hi + step <= DATE_DEFAULTS[1] ? hi + step : lo - step);
    }
    case 'day': { const [lo, hi] = dayRange(s); return formatDay(outside(lo, hi, parseDay('0001-01-01')!, parseDay('9999-12-31')!, u, true)); }
    // Still 36 hex digits and dashes, so a uuid column takes it, but of no UUID version (the 13th digit not 4).
    case 'uuid': return typeof v === 'string' && v.length === 36 ? v.slice(0, 14) + BAD_VERSIONS[Math.floor(u * BAD_VERSIONS.length)] + v.slice(15) : v;
    case 'text': {
      const text = typeof v === 'string' && v ? v : 'x';
      // Longer than the field's length and than the value itself (a NAME has no length of its own).
      const base = Math.max(s.length, text.length);
      const target = base + 1 + Math.floor(u * base);
      return text.repeat(Math.ceil(target / text.length)).slice(0, target);
    }
    default: return v;
  }
}

export function malformed(v: Value, kind: MalformedKind, f: FieldFaults, u: number): Value {
  if (v === null) return v;
  if (kind === 'wrong_type') return wrongType(v, f, u);
  if (kind === 'truncated') return truncated(v, u, f.kind);
  return outOfRange(v, f, u);
}
