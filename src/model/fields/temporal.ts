/** TIMESTAMP, BIRTHDATE, DATE, DATE_AS_STRING generators. */
import { compileDatePattern } from '../date-format.js';
import { daysFromCivil, formatDay } from '../dates.js';
import type { FieldSpec } from '../field-spec.js';
import { intBelow } from '../prng.js';
import type { FieldGen } from './runtime.js';

export const BIRTHDATE_DEFAULTS = [daysFromCivil(1920, 1, 1), daysFromCivil(2024, 1, 1)] as const;
export const DATE_DEFAULTS = [0, Date.UTC(9999, 11, 31, 23, 59, 59)] as const;
/** Precompute 'yyyy-MM-dd' strings for ranges up to this many days (≈ 550 years). */
const DAY_TABLE_LIMIT = 200_000;

export function dayRange(spec: FieldSpec): [number, number] {
  return [spec.minDate ?? BIRTHDATE_DEFAULTS[0], spec.maxDate ?? BIRTHDATE_DEFAULTS[1]];
}

export function instantRange(spec: FieldSpec): [number, number] {
  return [spec.minDate ?? DATE_DEFAULTS[0], spec.maxDate ?? DATE_DEFAULTS[1]];
}

/** A uniform whole second in [min, max] (epoch ms), or the row's instant with use_now. */
function instant(spec: FieldSpec): (st: Parameters<FieldGen>[0]) => number {
  if (spec.useNow) return (st) => st.clock(st.row);
  const [min, max] = instantRange(spec);
  const first = Math.ceil(min / 1000);
  const seconds = Math.floor(max / 1000) - first + 1;
  return (st) => (first + intBelow(st.rng, seconds)) * 1000;
}

export function temporalGenerator(spec: FieldSpec): FieldGen | undefined {
  switch (spec.type) {
    case 'TIMESTAMP': return (st) => st.clock(st.row);
    case 'BIRTHDATE': {
      const [min, max] = dayRange(spec);
      const span = max - min + 1;
      if (span <= DAY_TABLE_LIMIT) {
        const table = Array.from({ length: span }, (_, i) => formatDay(min + i));
        return (st) => table[(st.rng.next() * span) | 0];
      }
      return (st) => formatDay(min + intBelow(st.rng, span));
    }
    case 'DATE': {
      const at = instant(spec);
      return (st) => new Date(at(st));
    }
    case 'DATE_AS_STRING': {
      const at = instant(spec);
      const format = compileDatePattern(spec.pattern ?? '');
      return (st) => format(at(st));
    }
    default: return undefined;
  }
}
